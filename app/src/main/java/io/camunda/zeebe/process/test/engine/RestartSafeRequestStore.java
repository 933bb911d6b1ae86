package io.camunda.zeebe.process.test.engine;

import com.google.protobuf.GeneratedMessage;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.CancelProcessInstanceRequest;
import io.grpc.stub.StreamObserver;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Zeebe Process Test's request store numbers gateway requests from 1 in every run. A durable engine
 * processes, after a restart, commands the previous run wrote but did not answer: their request ids
 * would then meet this run's requests and answer the wrong client. Here ids start, in every run, above
 * any id of an earlier run (from the clock, 2^20 ids a millisecond), and the answer to a request of an
 * earlier run (whose client is gone) is dropped.
 */
final class RestartSafeRequestStore extends GatewayRequestStore {
  private static final StreamObserver<Object> NOBODY = new StreamObserver<>() {
    @Override public void onNext(Object value) {}
    @Override public void onError(Throwable t) {}
    @Override public void onCompleted() {}
  };
  /** Any type whose answer needs nothing from the record: the answer goes nowhere anyway. */
  private static final Request GONE = new Request(CancelProcessInstanceRequest.class, NOBODY);

  private final Map<Long, Request> requests = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong(System.currentTimeMillis() << 20);

  @Override
  Long registerNewRequest(Class<? extends GeneratedMessage> requestType, StreamObserver<?> responseObserver) {
    long id = ids.incrementAndGet();
    requests.put(id, new Request(requestType, responseObserver));
    return id;
  }

  @Override
  Request removeRequest(Long requestId) {
    Request request = requests.remove(requestId);
    return request == null ? GONE : request;
  }
}
