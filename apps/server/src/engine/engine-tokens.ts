/** Injection tokens of the engine module's ports and services. */
export const EVENT_STORE = Symbol('EVENT_STORE');
export const TOKEN_SERVICE = Symbol('TOKEN_SERVICE');
export const ORDO_RUNTIME = Symbol('ORDO_RUNTIME');
