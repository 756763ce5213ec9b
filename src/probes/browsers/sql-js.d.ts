// sql.js's single-file build (wasm inlined); its API is that of the package's main entry.
declare module 'sql.js/dist/sql-wasm-inline.js' {
  import initSqlJs from 'sql.js';
  export default initSqlJs;
}
