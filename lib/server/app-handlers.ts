import 'server-only';
/** The route handlers wired to this process's configuration and services; app/api's route files delegate here. */
import { createApiHandlers } from './api-handlers';
import { getConfig } from './config';
import { getServices } from './services';

export const api = createApiHandlers({ config: getConfig, services: getServices });
