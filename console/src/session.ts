/**
 * The signed-in credentials, in sessionStorage only: they leave with the tab, and the secret is
 * only ever used to sign in this page (api.ts); it is never sent anywhere.
 */
export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  region: string;
}

const KEY = 'allot.credentials';

export const loadCredentials = (): Credentials | undefined => {
  try {
    const c = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as Credentials | null;
    return c?.accessKeyId && c.secretAccessKey && c.region ? c : undefined;
  } catch {
    return undefined;
  }
};

export const saveCredentials = (c: Credentials): void => sessionStorage.setItem(KEY, JSON.stringify(c));
export const clearCredentials = (): void => sessionStorage.removeItem(KEY);

/** Regions offered by the selector; the credential scope of every signature names one. */
export const REGIONS = [
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
  'ca-central-1',
  'eu-west-1',
  'eu-west-2',
  'eu-central-1',
  'eu-north-1',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-northeast-1',
  'ap-south-1',
  'sa-east-1',
];

/** A page on the local stack (npm start) may offer its local credentials test/test. */
export const isLocalStack = (): boolean => ['127.0.0.1', 'localhost', '[::1]'].includes(location.hostname);
