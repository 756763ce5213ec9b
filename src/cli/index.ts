export { run } from './main.js';
export { nodeIo } from './io.js';
export { installInterruptHandlers } from './interrupt.js';
