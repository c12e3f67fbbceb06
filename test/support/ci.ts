/** `CI` set to anything but `''`, `0` or `false`: a missing runtime or server is then a failure, not a skip. */
export const isCI = !['', '0', 'false'].includes((process.env['CI'] ?? '').trim().toLowerCase());
