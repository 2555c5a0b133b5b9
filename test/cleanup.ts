/** Setup file of every vitest project: what tempDir() made goes once the test file is done. */
import { afterAll } from 'vitest';
import { removeTempDirs } from './tmp.js';

afterAll(removeTempDirs);
