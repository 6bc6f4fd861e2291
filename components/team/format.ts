/** A date and time in the viewer's locale. */
export const when = (iso: string) => new Date(iso).toLocaleString();

/** A day in the viewer's locale. */
export const day = (iso: string) => new Date(iso).toLocaleDateString();
