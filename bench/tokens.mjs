/**
 * Token count of a text with the o200k_base BPE (gpt-tokenizer). Claude's tokenizer is not
 * public; o200k is a close, reproducible stand-in for budgeting tools/list payloads.
 */
import { countTokens as count } from 'gpt-tokenizer';

export function countTokens(text) {
  return count(text);
}
