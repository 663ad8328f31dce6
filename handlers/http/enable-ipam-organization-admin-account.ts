import { httpHandler } from '../shared/http';

export const handler = httpHandler('EnableIpamOrganizationAdminAccount');
