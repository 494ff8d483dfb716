// forward auth in front of applications that have no login of their own
export * from './forward-auth-application';
