// Nudges: "this org has new rows, poll now". Writers call nudgeOrg() after
// their transaction commits; the realtime hub listens with onNudge(). The
// poll is what makes delivery correct; a nudge only makes it fast.
export { nudgeOrg, onNudge } from './bus';
