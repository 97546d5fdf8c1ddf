import Handlebars from 'handlebars';

/**
 * The Handlebars whose output the compiled templates reproduce byte for byte
 * (it parses every template at build time; no built package loads it). The
 * manifest records it as `builtWith.handlebars`.
 */
export const handlebarsVersion: string = Handlebars.VERSION;
