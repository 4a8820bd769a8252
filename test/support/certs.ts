// A throwaway PKI made with openssl at test time: a CA, and server certificates it signed for 127.0.0.1
// (good), for another name (wrong host) and already expired.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export interface KeyPair {
  key: string;
  cert: string;
}

export interface TestPki {
  caPem: string;
  good: KeyPair;
  wrongHost: KeyPair;
  expired: KeyPair;
}

const openssl = (dir: string, args: string[]): void => {
  execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
};

export function makeTestPki(dir: string): TestPki {
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  openssl(dir, ['req', '-x509', ...ec, '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2', '-subj', '/CN=Stagegate Test CA']);
  const issue = (name: string, san: string, days: string): KeyPair => {
    openssl(dir, ['req', ...ec, '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=${name}`]);
    fs.writeFileSync(path.join(dir, `${name}.ext`), `subjectAltName=${san}\n`);
    // -days -1 puts notAfter before now: a certificate that has expired.
    openssl(dir, ['x509', '-req', '-in', `${name}.csr`, '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', `${name}.pem`, '-days', days, '-extfile', `${name}.ext`]);
    return { key: fs.readFileSync(path.join(dir, `${name}.key`), 'utf8'), cert: fs.readFileSync(path.join(dir, `${name}.pem`), 'utf8') };
  };
  return {
    caPem: fs.readFileSync(path.join(dir, 'ca.pem'), 'utf8'),
    good: issue('good', 'IP:127.0.0.1', '2'),
    wrongHost: issue('wronghost', 'DNS:metrics.stagegate.invalid', '2'),
    expired: issue('expired', 'IP:127.0.0.1', '-1'),
  };
}
