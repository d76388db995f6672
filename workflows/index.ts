/** Every workflow the control worker registers. */
export { routedTask } from './routed-task.js';
