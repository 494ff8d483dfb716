// forward auth in front of applications that have no login of their own
export { ForwardAuthApplication, type ForwardAuthApplicationProps, type ForwardAuthMode } from './forward-auth-application';
