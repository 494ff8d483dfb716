import { describe, expect, it } from 'vitest';
import { RedirectUri } from '../constructs/authentik/redirect-uri';
import { urlNormalisation } from '../constructs/authentik/private/strict-redirect-uri';

const check = (url: string): string[] => RedirectUri.strict(url).check('P');

describe('strict redirect URIs, compared by authentik as raw strings', () => {
  it.each([
    'https://app.example.com/oauth2/callback',
    'https://app.example.com',
    'https://app.example.com/',
    'https://app.example.com:8443/cb?x=1&y=%2F',
    'https://app.example.com/cb/%C3%A9',
    'https://xn--bcher-kva.example/cb',
    'https://192.168.1.10/cb',
    'https://[::1]:8443/cb',
  ])('accepts %j, which URL parsers write back unchanged', (url) => {
    expect(check(url)).toEqual([]);
    expect(urlNormalisation(url)).toBeUndefined();
  });

  it.each([
    ['https://app.example.com/c\tb', 'a tab or line break', 'https://app.example.com/cb'],
    ['https://app.example.com/cb\n', 'a tab or line break', 'https://app.example.com/cb'],
    ['https://app.example.com/c\rb', 'a tab or line break', 'https://app.example.com/cb'],
    [' https://app.example.com/cb', 'surrounding spaces', 'https://app.example.com/cb'],
    ['https://app.example.com\\cb', 'a backslash', 'https://app.example.com/cb'],
    ['https:/app.example.com/cb', 'not exactly two slashes after https:', 'https://app.example.com/cb'],
    ['https:app.example.com/cb', 'not exactly two slashes after https:', 'https://app.example.com/cb'],
    ['https:///app.example.com/cb', 'more than two slashes after https:', 'https://app.example.com/cb'],
    ['HTTPS://app.example.com/cb', 'an upper-case scheme', 'https://app.example.com/cb'],
    ['https://App.Example.com/cb', 'an upper-case host', 'https://app.example.com/cb'],
    ['https://app.example.com:443/cb', 'the port :443 (the default of https, which parsers drop)', 'https://app.example.com/cb'],
    ['https://app.example.com:/cb', 'an empty port', 'https://app.example.com/cb'],
    ['https://app.example.com/a/../cb', '. or .. path segments', 'https://app.example.com/cb'],
    ['https://app.example.com/./cb', '. or .. path segments', 'https://app.example.com/cb'],
    ['https://app.example.com/my cb', 'spaces or characters that parsers percent-encode', 'https://app.example.com/my%20cb'],
    ['https://app.example.com/é', 'spaces or characters that parsers percent-encode', 'https://app.example.com/%C3%A9'],
    ['https://bücher.example/cb', 'the host "bücher.example" (parsers write "xn--bcher-kva.example")', 'https://xn--bcher-kva.example/cb'],
    ['https://0x7f.1/cb', 'the host "0x7f.1" (parsers write "127.0.0.1")', 'https://127.0.0.1/cb'],
  ])('rejects %j (%s) and names the form to write', (url, change, fixed) => {
    const problems = check(url);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(`P: strict redirect URI ${JSON.stringify(url)} is not written as URL parsers write it (`);
    expect(problems[0]).toContain(change);
    expect(problems[0]).toContain('the stored string will never equal the URL the client sends');
    expect(problems[0]).toContain(`write ${JSON.stringify(fixed)}`);
  });

  it('keeps the https and fragment checks', () => {
    expect(check('http://app.example.com/cb')[0]).toMatch(/must use https/);
    expect(RedirectUri.strict('http://localhost:8080/cb', { allowInsecureHttp: true }).check('P')).toEqual([]);
    expect(check('https://app.example.com/cb#x')[0]).toMatch(/has a fragment/);
  });

  it('rejects a plain-http URI written in a non-parser form too, when http is allowed', () => {
    expect(RedirectUri.strict('http://LOCALHOST:80/cb', { allowInsecureHttp: true }).check('P')[0])
      .toMatch(/\(an upper-case host; the port :80 \(the default of http, which parsers drop\)\);.*write "http:\/\/localhost\/cb"/);
  });
});

describe('regex redirect URIs, compiled by authentik with Python\'s re', () => {
  it.each([
    '(?i)^https://app\\.example\\.com/cb$',
    '^https://(?P<env>dev|prod)\\.example\\.com/cb$',
    '\\Ahttps://app\\.example\\.com/.*\\Z',
    'https://app\\.example\\.com/[a-z]++',
  ])('accepts %j, Python syntax JavaScript rejects', (pattern) => {
    expect(RedirectUri.regex(pattern).check('P')).toEqual([]);
  });

  it.each([
    ['^https://(?<env>dev|prod)\\.example\\.com/cb$', 'unknown extension ?<e at position 10'],
    ['^https://\\p{L}+\\.example\\.com/$', 'bad escape \\p at position 9'],
    ['(?<=https://.*)cb', 'look-behind requires fixed-width pattern'],
    ['^https://app\\.example\\.com/(?i)cb$', 'global flags not at the start of the expression at position 27'],
  ])('rejects %j, JavaScript syntax Python rejects, with Python\'s message', (pattern, message) => {
    const problems = RedirectUri.regex(pattern).check('P');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(`P: regex redirect URI ${JSON.stringify(pattern)} does not compile with Python's re`);
    expect(problems[0]).toContain(message);
    expect(problems[0]).toContain('fix the pattern');
  });
});
