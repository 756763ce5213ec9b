export { run } from './main.js';
export { nodeIo } from './io.js';
