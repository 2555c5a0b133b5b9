import { z } from 'zod';

/** A follower tag name as Zalo stores it (exact match, 1-50 characters). */
export const tagName = () => z.string().min(1).max(50).describe('Tag name');
