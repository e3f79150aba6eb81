'use strict';

// A small event emitter and a JSON-RPC channel: `event` and `request` here are event names and RPC messages,
// not an incoming Lambda event or HTTP request. Nothing below may be reported.

class Emitter {
  constructor(maxListeners = 10) {
    this._listeners = new Map();
    this._maxListeners = maxListeners;
  }

  on(event, listener) {
    if (!this._listeners.has(event)) {
      this._listeners.set(event, []);
    }
    const listeners = this._listeners.get(event);
    if (listeners.length >= this._maxListeners) {
      console.warn(
        `MaxListenersExceededWarning: Possible event memory leak detected. ${listeners.length + 1} ${event} listeners added.`
      );
    }
    listeners.push(listener);
    return this;
  }

  emit(event, ...args) {
    const listeners = this._listeners.get(event) || [];
    if (listeners.length === 0) {
      console.debug('no listener for', event);
    }
    for (const l of listeners) l(...args);
  }
}

var RpcChannel = class RpcChannel2 extends Emitter {
  async handleRequest(request, requestId, context) {
    const handler = this._handlers.get(request.method);
    if (!handler) {
      if (this._logger) this._logger.debug({
        text: `No request handler for "${request.method}".`,
        data: { requestObject: request },
      });
      return { error: { code: -32601, message: 'method not found' } };
    }
    this._logger.info(request);
    return handler(request.params, requestId, context);
  }
};

const bus = new Emitter();
bus.on('newListener', function (event, listener) {
  console.log('newListener: ' + event);
});

function createRequire(require, moduleId) {
  var fn = function (request) {
    if (!require.cache[request]) {
      console.warn('[HMR] unexpected require(' + request + ') from disposed module ' + moduleId);
    }
    return require(request);
  };
  return fn;
}

const registerLoaders = (registry) => {
  registry.registerLoader(/^webpack\/lib\//, (req) => {
    const loader = registry.known[req.slice('webpack/lib/'.length)];
    if (!loader) {
      console.warn(`${req} not found in internalSerializables`);
    }
    return true;
  });
};

module.exports = { Emitter, RpcChannel, createRequire, registerLoaders };
