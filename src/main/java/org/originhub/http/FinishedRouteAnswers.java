package org.originhub.http;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.camel.component.platform.http.springboot.SpringBootPlatformHttpConsumer;
import org.springframework.core.MethodParameter;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodReturnValueHandler;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Ends a platform-http request on its first dispatch when its route has already answered.
 *
 * <p>Camel's platform-http handler returns a {@code CompletableFuture}, and Spring MVC answers every future the same
 * way: it starts asynchronous processing and, once the future completes, dispatches the request a second time
 * through the filters and the {@code DispatcherServlet}, which then find nothing left to do. The hub runs each route
 * on the request's own thread ({@link RequestLanes}), so the future is complete when the handler returns and the
 * route has written the whole answer: this handler marks the request handled instead. A future not yet complete (an
 * executor other than the lanes) goes the asynchronous way, unchanged.
 */
public final class FinishedRouteAnswers implements HandlerMethodReturnValueHandler {

    private final HandlerMethodReturnValueHandler asynchronous;

    FinishedRouteAnswers(HandlerMethodReturnValueHandler asynchronous) {
        this.asynchronous = asynchronous;
    }

    @Override
    public boolean supportsReturnType(MethodParameter returnType) {
        return SpringBootPlatformHttpConsumer.class.isAssignableFrom(returnType.getContainingClass())
                && CompletableFuture.class.isAssignableFrom(returnType.getParameterType());
    }

    @Override
    public void handleReturnValue(Object returnValue, MethodParameter returnType, ModelAndViewContainer mavContainer,
            NativeWebRequest webRequest) throws Exception {
        if (returnValue instanceof CompletableFuture<?> answer && answer.isDone()) {
            try {
                answer.join();
            } catch (CompletionException e) {
                // what the asynchronous dispatch would have rethrown: Spring's exception handling answers it
                throw e.getCause() instanceof Exception cause ? cause : e;
            }
            mavContainer.setRequestHandled(true);
            return;
        }
        asynchronous.handleReturnValue(returnValue, returnType, mavContainer, webRequest);
    }
}
