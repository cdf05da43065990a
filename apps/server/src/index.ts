export { createRequestListener, startServer, type RunningServer, type ServerOptions } from './http.ts';
