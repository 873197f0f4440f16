// Drives the official IVS Chat messaging SDK (amazon-ivs-chat-messaging) for
// interop/test_messaging_sdk.py, with the `ws` package as Node's WebSocket.
//
// stdin: one JSON command per line, e.g.
//   {"cmd": "connect", "as": "ann", "url": "ws://...", "token": {token, tokenExpirationTime, sessionExpirationTime}}
//   {"cmd": "send", "as": "ann", "tag": "t1", "content": "hi", "attributes": {...}}
//   {"cmd": "delete", "as": "ann", "tag": "t2", "id": "...", "reason": "..."}
//   {"cmd": "kick", "as": "ann", "tag": "t3", "userId": "bob", "reason": "..."}
//   {"cmd": "exit"}
// stdout: one JSON line per SDK event or settled request, each with `as` (the room's user).
// The SDK's own log lines go to stderr.
'use strict';

const path = require('path');
const readline = require('readline');

const modules = process.env.IVSCHAT_MESSAGING_NODE_MODULES;
if (!modules) {
  console.error('IVSCHAT_MESSAGING_NODE_MODULES must name the node_modules folder with the pinned packages');
  process.exit(2);
}
globalThis.WebSocket = require(path.join(modules, 'ws'));
const { ChatRoom, SendMessageRequest, DeleteMessageRequest, DisconnectUserRequest } = require(
  path.join(modules, 'amazon-ivs-chat-messaging'),
);

const emit = (who, event, fields) => {
  process.stdout.write(JSON.stringify({ as: who, event, ...fields }) + '\n');
};

const quiet = {
  debug() {},
  info() {},
  error: (...args) => console.error(...args),
};

const rooms = new Map();

function connect({ as: who, url, token }) {
  const room = new ChatRoom({ regionOrUrl: url, tokenProvider: async () => token });
  room.logger = quiet;
  room.logLevel = 'error';
  room.addListener('connect', () => emit(who, 'connect', {}));
  room.addListener('disconnect', (reason) => emit(who, 'disconnect', { reason }));
  room.addListener('message', (m) =>
    emit(who, 'message', {
      id: m.id,
      requestId: m.requestId,
      content: m.content,
      attributes: m.attributes,
      sender: m.sender,
      sendTime: m.sendTime.toISOString(),
    }),
  );
  room.addListener('event', (e) =>
    emit(who, 'event', { id: e.id, name: e.eventName, attributes: e.attributes }),
  );
  room.addListener('messageDelete', (e) =>
    emit(who, 'messageDelete', { id: e.id, messageId: e.messageId, reason: e.reason, requestId: e.requestId }),
  );
  room.addListener('userDisconnect', (e) =>
    emit(who, 'userDisconnect', { id: e.id, userId: e.userId, reason: e.reason, requestId: e.requestId }),
  );
  rooms.set(who, room);
  room.connect();
}

function settle(who, tag, promise, describe) {
  promise.then(
    (value) => emit(who, 'settled', { tag, ok: true, ...describe(value) }),
    (error) => emit(who, 'settled', { tag, ok: false, errorCode: error.errorCode, errorMessage: error.errorMessage }),
  );
}

const commands = {
  connect,
  send: ({ as: who, tag, content, attributes }) =>
    settle(who, tag, rooms.get(who).sendMessage(new SendMessageRequest(content, attributes)), (m) => ({
      id: m.id,
      content: m.content,
    })),
  delete: ({ as: who, tag, id, reason }) =>
    settle(who, tag, rooms.get(who).deleteMessage(new DeleteMessageRequest(id, reason)), (e) => ({
      messageId: e.messageId,
    })),
  kick: ({ as: who, tag, userId, reason }) =>
    settle(who, tag, rooms.get(who).disconnectUser(new DisconnectUserRequest(userId, reason)), (e) => ({
      userId: e.userId,
    })),
  exit: () => {
    for (const room of rooms.values()) room.disconnect();
    setTimeout(() => process.exit(0), 100);
  },
};

readline.createInterface({ input: process.stdin }).on('line', (line) => {
  if (!line.trim()) return;
  const command = JSON.parse(line);
  try {
    commands[command.cmd](command);
  } catch (error) {
    emit(command.as, 'thrown', { tag: command.tag, message: String(error) });
  }
});
