import { describe, expect, it } from 'vitest';
import { allowedHostNames, clientAddress, hostName, isAllowedHost, isCrossSiteApiWrite, lastForwarded } from './request-guard';

describe('client address behind a trusted proxy', () => {
  it('takes the entry the proxy appended (right-most), never the client-supplied ones', () => {
    expect(clientAddress({ trustProxy: true, forwardedFor: '1.2.3.4, 203.0.113.7', socketAddress: '10.0.0.1' })).toBe('203.0.113.7');
    expect(clientAddress({ trustProxy: true, forwardedFor: ['6.6.6.6', '203.0.113.7'], socketAddress: '10.0.0.1' })).toBe('203.0.113.7');
    expect(clientAddress({ trustProxy: true, forwardedFor: ' , ', socketAddress: '10.0.0.1' })).toBe('10.0.0.1');
    expect(clientAddress({ trustProxy: false, forwardedFor: '1.2.3.4', socketAddress: '10.0.0.1' })).toBe('10.0.0.1');
    expect(clientAddress({ trustProxy: false, forwardedFor: undefined, socketAddress: undefined })).toBe('unknown');
    expect(lastForwarded('https, http')).toBe('http');
  });
});

describe('host vetting', () => {
  const allowed = allowedHostNames({ listenHost: '0.0.0.0', interfaceAddresses: ['192.168.1.10', 'fe80::1'], machineName: 'school-srv', extra: ['tropa.school.ru', 'Other.example:8443'] });

  it('answers to loopback, interface addresses, the machine name and ALLOWED_HOSTS, with any port', () => {
    for (const h of ['localhost:3000', '127.0.0.1', '[::1]:3000', '192.168.1.10:3000', 'school-srv', 'TROPA.school.ru', 'other.example']) {
      expect(isAllowedHost(h, allowed), h).toBe(true);
    }
  });

  it('refuses other names and malformed values', () => {
    for (const h of [undefined, '', 'evil.example', 'evil.example:3000', 'localhost.evil.example', 'localhost@evil.example', 'localhost/x', 'evil.example#localhost', 'a b']) {
      expect(isAllowedHost(h, allowed), String(h)).toBe(false);
    }
    expect(hostName('evil.example/..')).toBeNull();
  });

  it('a server bound to one address answers to that address, not to every interface', () => {
    const bound = allowedHostNames({ listenHost: '10.1.2.3', interfaceAddresses: ['192.168.1.10'], machineName: 'srv', extra: [] });
    expect(isAllowedHost('10.1.2.3:3000', bound)).toBe(true);
    expect(isAllowedHost('192.168.1.10:3000', bound)).toBe(false);
  });
});

describe('cross-site writes to JSON routes', () => {
  const base = { method: 'POST', path: '/api/boards', host: 'localhost:3000' };

  it('refuses a foreign, opaque or malformed Origin on POST/PUT/PATCH/DELETE to /api/*', () => {
    for (const origin of ['https://evil.example', 'http://localhost:3001', 'null', 'file://', 'not a url', 'http://localhost:3000.evil.example']) {
      expect(isCrossSiteApiWrite({ ...base, origin }), origin).toBe(true);
    }
    for (const method of ['PUT', 'PATCH', 'DELETE', 'delete']) expect(isCrossSiteApiWrite({ ...base, method, origin: 'https://evil.example' })).toBe(true);
  });

  it('lets through same-origin requests, requests without Origin, reads and other paths', () => {
    expect(isCrossSiteApiWrite({ ...base, origin: 'http://localhost:3000' })).toBe(false);
    expect(isCrossSiteApiWrite({ ...base, origin: undefined })).toBe(false);
    expect(isCrossSiteApiWrite({ ...base, method: 'GET', origin: 'https://evil.example' })).toBe(false);
    expect(isCrossSiteApiWrite({ ...base, path: '/boards/1', origin: 'https://evil.example' })).toBe(false);
    expect(isCrossSiteApiWrite({ ...base, path: '/apiary', origin: 'https://evil.example' })).toBe(false);
    expect(isCrossSiteApiWrite({ ...base, host: 'localhost', origin: 'https://localhost:443' })).toBe(false);
    expect(isCrossSiteApiWrite({ ...base, host: 'internal:3000', origin: 'https://tropa.school.ru', publicOrigin: 'https://tropa.school.ru/' })).toBe(false);
  });
});
