// undici's Agent by its own file: its package index pulls in every other dispatcher, mock and cache (twice the bundle).
declare module 'undici/lib/dispatcher/agent.js' {
  import { Agent } from 'undici';
  export = Agent;
}
