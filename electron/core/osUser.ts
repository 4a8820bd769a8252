import os from 'node:os';

/** The OS account name: the log records it as the actor of the person at this machine (the desktop app, the CLI). */
export function osUser(env: NodeJS.ProcessEnv = process.env): string {
  try {
    return os.userInfo().username;
  } catch {
    // userInfo throws for a uid without a passwd entry (some containers).
    return env.USER ?? env.USERNAME ?? 'operator';
  }
}
