/*
 * cmk-guard's own implementation of the native methods of the Fn FDK's
 * com.fnproject.fn.runtime.ntv.UnixSocketNative (FDK 1.0.212), so that the real http-stream
 * transport (EntryPoint listening on FN_LISTENER=unix:...) runs outside the Fn base image, which
 * is the only place the FDK's own libfnunixsocket.so ships. Used by the socket tests and the bench.
 *
 * Semantics the Java side relies on: accept() answers 0 when its timeout passes with no caller;
 * recv() answers -1 at end of stream; every failure is a UnixSocketException (an IOException)
 * carrying the operation and strerror.
 */
#define _GNU_SOURCE /* accept4 */
#include <jni.h>
#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/un.h>
#include <unistd.h>

#define JNI_NAME(m) Java_com_fnproject_fn_runtime_ntv_UnixSocketNative_##m
#define STACK_BUFFER 65536

static void throw_socket_error(JNIEnv *env, const char *operation, int err) {
    jclass type = (*env)->FindClass(env, "com/fnproject/fn/runtime/ntv/UnixSocketException");
    if (type == NULL) {
        return; /* FindClass has already thrown */
    }
    jmethodID init = (*env)->GetMethodID(env, type, "<init>", "(Ljava/lang/String;Ljava/lang/String;)V");
    jstring message = (*env)->NewStringUTF(env, operation);
    jstring detail = (*env)->NewStringUTF(env, strerror(err));
    jobject error = (*env)->NewObject(env, type, init, message, detail);
    if (error != NULL) {
        (*env)->Throw(env, (jthrowable) error);
    }
}

static void throw_timeout(JNIEnv *env, const char *operation) {
    jclass type = (*env)->FindClass(env, "java/net/SocketTimeoutException");
    if (type != NULL) {
        (*env)->ThrowNew(env, type, operation);
    }
}

/* Fills a sockaddr_un; false (with an exception thrown) when the path does not fit. */
static int unix_address(JNIEnv *env, jstring path, struct sockaddr_un *address, const char *operation) {
    if (path == NULL) {
        throw_socket_error(env, operation, EINVAL);
        return 0;
    }
    const char *chars = (*env)->GetStringUTFChars(env, path, NULL);
    if (chars == NULL) {
        return 0;
    }
    size_t length = strlen(chars);
    memset(address, 0, sizeof(*address));
    address->sun_family = AF_UNIX;
    int fits = length < sizeof(address->sun_path);
    if (fits) {
        memcpy(address->sun_path, chars, length + 1);
    }
    (*env)->ReleaseStringUTFChars(env, path, chars);
    if (!fits) {
        throw_socket_error(env, operation, ENAMETOOLONG);
    }
    return fits;
}

JNIEXPORT jint JNICALL JNI_NAME(socket)(JNIEnv *env, jclass cls) {
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        throw_socket_error(env, "socket", errno);
    }
    return fd;
}

JNIEXPORT void JNICALL JNI_NAME(bind)(JNIEnv *env, jclass cls, jint fd, jstring path) {
    struct sockaddr_un address;
    if (unix_address(env, path, &address, "bind") && bind(fd, (struct sockaddr *) &address, sizeof(address)) != 0) {
        throw_socket_error(env, "bind", errno);
    }
}

JNIEXPORT void JNICALL JNI_NAME(connect)(JNIEnv *env, jclass cls, jint fd, jstring path) {
    struct sockaddr_un address;
    if (!unix_address(env, path, &address, "connect")) {
        return;
    }
    int rc;
    do {
        rc = connect(fd, (struct sockaddr *) &address, sizeof(address));
    } while (rc != 0 && errno == EINTR);
    if (rc != 0) {
        throw_socket_error(env, "connect", errno);
    }
}

JNIEXPORT void JNICALL JNI_NAME(listen)(JNIEnv *env, jclass cls, jint fd, jint backlog) {
    if (listen(fd, backlog) != 0) {
        throw_socket_error(env, "listen", errno);
    }
}

/* The FDK polls accept with a short timeout so it can notice a stop request: 0 means "no caller yet". */
JNIEXPORT jint JNICALL JNI_NAME(accept)(JNIEnv *env, jclass cls, jint fd, jlong timeoutMs) {
    struct pollfd waiting = {.fd = fd, .events = POLLIN};
    int wait = timeoutMs <= 0 ? -1 : (timeoutMs > 0x7fffffff ? 0x7fffffff : (int) timeoutMs);
    int ready;
    do {
        ready = poll(&waiting, 1, wait);
    } while (ready < 0 && errno == EINTR);
    if (ready < 0) {
        throw_socket_error(env, "accept (poll)", errno);
        return -1;
    }
    if (ready == 0) {
        return 0;
    }
    int client;
    do {
        client = accept4(fd, NULL, NULL, SOCK_CLOEXEC);
    } while (client < 0 && errno == EINTR);
    if (client < 0) {
        if (errno == EAGAIN || errno == EWOULDBLOCK || errno == ECONNABORTED) {
            return 0; /* the caller went away between poll and accept: same as no caller */
        }
        throw_socket_error(env, "accept", errno);
        return -1;
    }
    return client;
}

static int in_bounds(JNIEnv *env, jbyteArray buffer, jint offset, jint length) {
    if (buffer == NULL || offset < 0 || length < 0 || offset > (*env)->GetArrayLength(env, buffer) - length) {
        jclass type = (*env)->FindClass(env, "java/lang/IndexOutOfBoundsException");
        if (type != NULL) {
            (*env)->ThrowNew(env, type, "buffer offset or length out of range");
        }
        return 0;
    }
    return 1;
}

JNIEXPORT jint JNICALL JNI_NAME(recv)(JNIEnv *env, jclass cls, jint fd, jbyteArray buffer, jint offset, jint length) {
    if (!in_bounds(env, buffer, offset, length)) {
        return -1;
    }
    if (length == 0) {
        return 0;
    }
    char local[STACK_BUFFER];
    size_t wanted = length < STACK_BUFFER ? (size_t) length : STACK_BUFFER;
    ssize_t got;
    do {
        got = recv(fd, local, wanted, 0);
    } while (got < 0 && errno == EINTR);
    if (got < 0) {
        if (errno == EAGAIN || errno == EWOULDBLOCK) {
            throw_timeout(env, "recv timed out");
        } else {
            throw_socket_error(env, "recv", errno);
        }
        return -1;
    }
    if (got == 0) {
        return -1; /* end of stream, as InputStream.read answers it */
    }
    (*env)->SetByteArrayRegion(env, buffer, offset, (jsize) got, (jbyte *) local);
    return (jint) got;
}

JNIEXPORT jint JNICALL JNI_NAME(send)(JNIEnv *env, jclass cls, jint fd, jbyteArray buffer, jint offset, jint length) {
    if (!in_bounds(env, buffer, offset, length)) {
        return -1;
    }
    char local[STACK_BUFFER];
    size_t count = length < STACK_BUFFER ? (size_t) length : STACK_BUFFER;
    (*env)->GetByteArrayRegion(env, buffer, offset, (jsize) count, (jbyte *) local);
    ssize_t sent;
    do {
        sent = send(fd, local, count, MSG_NOSIGNAL); /* a vanished caller is an exception, not SIGPIPE */
    } while (sent < 0 && errno == EINTR);
    if (sent < 0) {
        if (errno == EAGAIN || errno == EWOULDBLOCK) {
            throw_timeout(env, "send timed out");
        } else {
            throw_socket_error(env, "send", errno);
        }
        return -1;
    }
    return (jint) sent;
}

JNIEXPORT void JNICALL JNI_NAME(close)(JNIEnv *env, jclass cls, jint fd) {
    /* Linux releases the descriptor even when close reports EINTR: never retry it. */
    if (close(fd) != 0 && errno != EINTR) {
        throw_socket_error(env, "close", errno);
    }
}

static void set_timeout(JNIEnv *env, jint fd, int option, jint millis, const char *operation) {
    struct timeval value = {.tv_sec = millis / 1000, .tv_usec = (millis % 1000) * 1000};
    if (setsockopt(fd, SOL_SOCKET, option, &value, sizeof(value)) != 0) {
        throw_socket_error(env, operation, errno);
    }
}

static jint get_timeout(JNIEnv *env, jint fd, int option, const char *operation) {
    struct timeval value;
    socklen_t size = sizeof(value);
    if (getsockopt(fd, SOL_SOCKET, option, &value, &size) != 0) {
        throw_socket_error(env, operation, errno);
        return -1;
    }
    return (jint) (value.tv_sec * 1000 + value.tv_usec / 1000);
}

static void set_int_option(JNIEnv *env, jint fd, int option, jint value, const char *operation) {
    int v = value;
    if (setsockopt(fd, SOL_SOCKET, option, &v, sizeof(v)) != 0) {
        throw_socket_error(env, operation, errno);
    }
}

JNIEXPORT void JNICALL JNI_NAME(setSendTimeout)(JNIEnv *env, jclass cls, jint fd, jint millis) {
    set_timeout(env, fd, SO_SNDTIMEO, millis, "setSendTimeout");
}

JNIEXPORT jint JNICALL JNI_NAME(getSendTimeout)(JNIEnv *env, jclass cls, jint fd) {
    return get_timeout(env, fd, SO_SNDTIMEO, "getSendTimeout");
}

JNIEXPORT void JNICALL JNI_NAME(setRecvTimeout)(JNIEnv *env, jclass cls, jint fd, jint millis) {
    set_timeout(env, fd, SO_RCVTIMEO, millis, "setRecvTimeout");
}

JNIEXPORT jint JNICALL JNI_NAME(getRecvTimeout)(JNIEnv *env, jclass cls, jint fd) {
    return get_timeout(env, fd, SO_RCVTIMEO, "getRecvTimeout");
}

JNIEXPORT void JNICALL JNI_NAME(setSendBufSize)(JNIEnv *env, jclass cls, jint fd, jint size) {
    set_int_option(env, fd, SO_SNDBUF, size, "setSendBufSize");
}

JNIEXPORT void JNICALL JNI_NAME(setRecvBufSize)(JNIEnv *env, jclass cls, jint fd, jint size) {
    set_int_option(env, fd, SO_RCVBUF, size, "setRecvBufSize");
}

JNIEXPORT void JNICALL JNI_NAME(shutdown)(JNIEnv *env, jclass cls, jint fd, jboolean input, jboolean output) {
    int how = input && output ? SHUT_RDWR : (input ? SHUT_RD : SHUT_WR);
    if (!input && !output) {
        return;
    }
    if (shutdown(fd, how) != 0 && errno != ENOTCONN) { /* the caller already hung up: nothing to shut */
        throw_socket_error(env, "shutdown", errno);
    }
}
