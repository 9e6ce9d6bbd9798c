/** File name of the embedded (SQLite) read models under Ordo's data directory. */
export const READ_MODELS_FILE = 'ordo-read.sqlite';
