import { App, Chart } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { validateApp, WorkerSecret } from '../constructs';
import { testChart } from './helpers';

describe('WorkerSecret', () => {
  it('writes one ExternalSecret key and one worker variable that agree, and reads as !Env of the variable', () => {
    const chart = testChart();
    const secret = new WorkerSecret(chart, 'SmtpPassword', { envVar: 'AUTHENTIK_SMTP_PASSWORD', secretKey: 'smtp-password', remoteProperty: 'SMTP password' });
    expect(chart.secrets.keys).toEqual([{ secretKey: 'smtp-password', remoteProperty: 'SMTP password', addedBy: 'Authentik/SmtpPassword' }]);
    expect(chart.worker.env).toEqual([{ name: 'AUTHENTIK_SMTP_PASSWORD', secretName: 'authentik-config', secretKey: 'smtp-password', addedBy: 'Authentik/SmtpPassword' }]);
    expect(secret.remoteProperty).toBe('SMTP password');
    expect(secret.envTag()).toMatchObject({ name: '!Env', variable: 'AUTHENTIK_SMTP_PASSWORD' });
  });

  it('writes the remote property under the key name when none is given', () => {
    const chart = testChart();
    expect(new WorkerSecret(chart, 'Key', { envVar: 'AUTHENTIK_K', secretKey: 'k' }).remoteProperty).toBe('k');
  });

  it('fails when declared outside an AuthentikChart', () => {
    expect(() => new WorkerSecret(new Chart(new App(), 'Plain'), 'S', { envVar: 'X', secretKey: 'x' }))
      .toThrow('Plain/S: must be defined inside an AuthentikChart');
  });

  it('fails when two secrets claim the same variable or key, naming both', () => {
    const chart = testChart();
    new WorkerSecret(chart, 'A', { envVar: 'AUTHENTIK_SAME', secretKey: 'same' });
    new WorkerSecret(chart, 'B', { envVar: 'AUTHENTIK_SAME', secretKey: 'same' });
    const problems = validateApp(chart).join('\n');
    expect(problems).toContain('environment variable AUTHENTIK_SAME is set by Authentik/A and Authentik/B');
    expect(problems).toContain('secret key "same" is added by Authentik/A and Authentik/B');
  });
});
