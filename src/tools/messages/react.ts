import { z } from 'zod';
import { REACT_ICONS } from '../../zalo/endpoints/messages.js';
import { defineTool, CREATE } from '../define-tool.js';
import { messageId, userId } from '../params.js';

export const messagesReact = defineTool({
  name: 'messages_react',
  toolset: 'messages',
  title: 'React to a message',
  description:
    'Put a reaction on a user\'s message, or take it back with /-remove; uses no message quota. At most 50 reactions per message.',
  input: {
    user_id: userId().describe('Author of the message'),
    message_id: messageId().describe('The user\'s message_id'),
    icon: z.enum(REACT_ICONS).describe('/-strong like, /-heart, :> haha, :o wow, :-(( sad, :-h angry, --b, /-remove undo'),
  },
  output: { message_id: z.string(), user_id: z.string(), icon: z.string(), removed: z.boolean() },
  annotations: CREATE,
  handler: async ({ user_id, message_id, icon }, { zalo }) => {
    await zalo.messages.react(user_id, message_id, icon);
    return { message_id, user_id, icon, removed: icon === '/-remove' };
  },
});
