/** The `format` of a recorded session file (sessionFile.ts), apart so Import can tell one cheaply. */
export const SESSION_FORMAT = 'otp-playground-recorded-session';
