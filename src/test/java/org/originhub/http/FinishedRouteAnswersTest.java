package org.originhub.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.camel.component.platform.http.springboot.SpringBootPlatformHttpConsumer;
import org.junit.jupiter.api.Test;
import org.springframework.core.MethodParameter;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.method.support.HandlerMethodReturnValueHandler;
import org.springframework.web.method.support.ModelAndViewContainer;

class FinishedRouteAnswersTest {

    private final List<Object> handedOn = new ArrayList<>();
    private final FinishedRouteAnswers answers = new FinishedRouteAnswers(new HandlerMethodReturnValueHandler() {
        @Override
        public boolean supportsReturnType(MethodParameter returnType) {
            return true;
        }

        @Override
        public void handleReturnValue(Object value, MethodParameter type, ModelAndViewContainer mav,
                org.springframework.web.context.request.NativeWebRequest request) {
            handedOn.add(value);
        }
    });
    private final MockHttpServletRequest request = new MockHttpServletRequest();
    private final ModelAndViewContainer mav = new ModelAndViewContainer();

    private static MethodParameter serviceAnswer() throws NoSuchMethodException {
        Method service = SpringBootPlatformHttpConsumer.class.getMethod("service", HttpServletRequest.class,
                HttpServletResponse.class);
        return new MethodParameter(service, -1);
    }

    @Test
    void aRouteThatHasAnsweredEndsTheRequestOnItsFirstDispatchWithoutStartingAsynchronousProcessing() throws Exception {
        answers.handleReturnValue(CompletableFuture.completedFuture(null), serviceAnswer(), mav,
                new ServletWebRequest(request, new MockHttpServletResponse()));

        assertThat(mav.isRequestHandled()).isTrue();
        assertThat(request.isAsyncStarted()).isFalse();
        assertThat(handedOn).isEmpty();
    }

    @Test
    void aRouteStillRunningElsewhereIsAnsweredTheAsynchronousWayAsBefore() throws Exception {
        CompletableFuture<Void> running = new CompletableFuture<>();

        answers.handleReturnValue(running, serviceAnswer(), mav, new ServletWebRequest(request, new MockHttpServletResponse()));

        assertThat(handedOn).containsExactly(running);
        assertThat(mav.isRequestHandled()).isFalse();
    }

    @Test
    void aFailureTheFutureCarriesIsThrownForSpringsExceptionHandlingAsTheSecondDispatchWouldHave() {
        IllegalStateException failure = new IllegalStateException("route failed");

        assertThatThrownBy(() -> answers.handleReturnValue(CompletableFuture.failedFuture(failure), serviceAnswer(), mav,
                new ServletWebRequest(request, new MockHttpServletResponse()))).isSameAs(failure);
    }

    @Test
    void onlyPlatformHttpsHandlerIsAnsweredHereNotEveryControllerThatReturnsAFuture() throws Exception {
        Method other = CompletableFuture.class.getMethod("completedFuture", Object.class);

        assertThat(answers.supportsReturnType(serviceAnswer())).isTrue();
        assertThat(answers.supportsReturnType(new MethodParameter(other, -1))).isFalse();
    }
}
