/** The hotpath version, written into every profile's metadata. */
export const VERSION = '0.1.0';
