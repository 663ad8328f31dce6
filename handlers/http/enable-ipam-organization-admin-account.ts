import { httpHandler } from '../api/json';

export const handler = httpHandler('EnableIpamOrganizationAdminAccount');
