import { z } from 'zod';
import { contract, methodNames } from '../../shared/index.ts';

/** The contract as JSON Schemas, for scripts and other screens written against the web host. */
export function contractListing(): unknown {
  return {
    methods: methodNames.map((name) => {
      const def = contract[name];
      return {
        name,
        role: def.role,
        summary: def.summary,
        path: `/api/${name}`,
        input: z.toJSONSchema(def.input, { io: 'input', unrepresentable: 'any' }),
        output: z.toJSONSchema(def.output, { io: 'output', unrepresentable: 'any' }),
      };
    }),
    events: { path: '/api/events', format: 'text/event-stream; each message is `event: push` with a JSON PushEvent' },
  };
}
