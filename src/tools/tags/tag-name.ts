import { nfcText } from '../params.js';

/** A follower tag name as Zalo stores it (exact match, 1-50 characters, NFC so one tag is never two). */
export const tagName = () => nfcText(50, 'Tag name');
