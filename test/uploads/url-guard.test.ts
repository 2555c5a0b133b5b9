import { describe, expect, it } from 'vitest';
import { assertFetchableUrl, isBlockedAddress } from '../../src/uploads/index.js';
import { downloadLimited } from '../../src/uploads/download.js';
import { guardedLookup } from '../../src/uploads/url-guard.js';
import { serveFiles, files } from './fixtures.js';

const live = { sandbox: false };

describe('URL guard', () => {
  it.each([
    '127.0.0.1', '127.8.9.1', '10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0',
    '224.0.0.1', '255.255.255.255', '::1', '::', 'fe80::1', 'fd00::1', 'fc12::5', '::ffff:127.0.0.1', '::ffff:7f00:1', '::ffff:10.0.0.1',
    '64:ff9b::a9fe:a9fe', '2002:c0a8:0101::1', 'ff02::1', 'not-an-ip',
    '::127.0.0.1', '::a9fe:a9fe', '::ffff:0:7f00:1', 'fe80::1%eth0', '::ffff:169.254.169.254', '100.127.255.255', '0.1.2.3',
  ])('blocks %s', (ip) => {
    expect(isBlockedAddress(ip)).toBe(true);
  });

  it.each(['8.8.8.8', '1.1.1.1', '172.32.0.1', '203.113.131.1', '2001:4860:4860::8888', '::ffff:8.8.8.8', '64:ff9b::808:808'])('allows public %s', (ip) => {
    expect(isBlockedAddress(ip)).toBe(false);
  });

  it('refuses loopback by IP literal and by name outside sandbox mode, before any request', async () => {
    await expect(assertFetchableUrl('https://127.0.0.1/x.png', live)).rejects.toThrow(/loopback, private or reserved address \(127\.0\.0\.1\)/);
    await expect(assertFetchableUrl('https://localhost/', live)).rejects.toThrow(/loopback, private or reserved/);
    await expect(assertFetchableUrl('https://[::1]/a.png', live)).rejects.toThrow(/\(::1\)/);
    await expect(assertFetchableUrl('https://169.254.169.254/latest/meta-data', live)).rejects.toThrow(/169\.254\.169\.254/);
  });

  it('refuses non-https URLs and URLs with credentials', async () => {
    await expect(assertFetchableUrl('http://example.com/a.png', live)).rejects.toThrow(/only https URLs are allowed/);
    await expect(assertFetchableUrl('ftp://example.com/a.png', live)).rejects.toThrow(/only https/);
    await expect(assertFetchableUrl('file:///etc/passwd', live)).rejects.toThrow(/only https/);
    await expect(assertFetchableUrl('https://user:pw@example.com/a.png', live)).rejects.toThrow(/credentials/);
    await expect(assertFetchableUrl('not a url', live)).rejects.toThrow(/not a valid URL/);
  });

  it('allows http on loopback only in sandbox mode', async () => {
    await expect(assertFetchableUrl('http://127.0.0.1:9/x.png', { sandbox: true })).resolves.toBeInstanceOf(URL);
    await expect(assertFetchableUrl('http://example.com/x.png', { sandbox: true })).rejects.toThrow(/only https/);
  });

  it('refuses non-public addresses at connection time too (DNS rebinding)', async () => {
    const err = await new Promise<NodeJS.ErrnoException | null>((resolve) => guardedLookup('localhost', { all: true }, (e) => resolve(e)));
    expect(err).toMatchObject({ code: 'EBLOCKED' });
  });

  it('sends no request to a local server when not in sandbox mode', async () => {
    const srv = await serveFiles({ '/a.png': files.png() });
    try {
      const https = srv.url('/a.png').replace('http:', 'https:');
      await expect(downloadLimited(https, { sandbox: false, maxBytes: 1000, timeoutMs: 2000 })).rejects.toThrow(/loopback/);
      expect(srv.hits).toEqual([]);
    } finally {
      await srv.close();
    }
  });

  it('checks every redirect hop and caps redirects', async () => {
    const srv = await serveFiles({
      '/r1': { redirect: '/r2' }, '/r2': { redirect: '/r3' }, '/r3': { redirect: '/r4' }, '/r4': { redirect: '/a.png' }, '/a.png': files.png(),
      '/evil': { redirect: 'http://example.com/a.png' },
      '/private': { redirect: 'https://10.0.0.7/a.png' }, '/metadata': { redirect: 'https://[::ffff:169.254.169.254]/latest' },
    });
    try {
      await expect(downloadLimited(srv.url('/r1'), { sandbox: true, maxBytes: 1000, timeoutMs: 2000 })).rejects.toThrow(/redirects more than 3 times/);
      const ok = await downloadLimited(srv.url('/r2'), { sandbox: true, maxBytes: 1000, timeoutMs: 2000 });
      expect(ok.bytes.length).toBe(200);
      expect(ok.url.pathname).toBe('/a.png');
      await expect(downloadLimited(srv.url('/evil'), { sandbox: true, maxBytes: 1000, timeoutMs: 2000 })).rejects.toThrow(/only https/);
      await expect(downloadLimited(srv.url('/private'), { sandbox: true, maxBytes: 1000, timeoutMs: 2000 })).rejects.toThrow(/private or reserved address \(10\.0\.0\.7\)/);
      await expect(downloadLimited(srv.url('/metadata'), { sandbox: true, maxBytes: 1000, timeoutMs: 2000 })).rejects.toThrow(/private or reserved/);
      expect(srv.hits.filter((h) => h === '/a.png')).toHaveLength(1);
    } finally {
      await srv.close();
    }
  });

  it('stops a download at the size limit even without content-length', async () => {
    let sent = 0;
    const srv = await serveFiles({
      '/big': (_req, res) => {
        res.writeHead(200);
        const timer = setInterval(() => {
          sent += 64 * 1024;
          if (!res.write(Buffer.alloc(64 * 1024)) && sent > 10 * 1024 * 1024) clearInterval(timer);
          if (sent > 10 * 1024 * 1024) { clearInterval(timer); res.end(); }
        }, 1);
        res.on('close', () => clearInterval(timer));
      },
    });
    try {
      await expect(downloadLimited(srv.url('/big'), { sandbox: true, maxBytes: 256 * 1024, timeoutMs: 5000 })).rejects.toThrow(/larger than 0\.3 MB/);
      expect(sent).toBeLessThan(10 * 1024 * 1024);
    } finally {
      await srv.close();
    }
  });
});
