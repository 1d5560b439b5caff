#ifndef FEEDWATCH_CCURL_SHIM_H
#define FEEDWATCH_CCURL_SHIM_H
#include <curl/curl.h>

// curl_easy_setopt / curl_multi_setopt / curl_easy_getinfo are C variadics,
// which Swift cannot call: one typed wrapper per argument kind.
static inline CURLcode feedwatch_easy_setopt_long(CURL *handle, CURLoption option, long value) {
    return curl_easy_setopt(handle, option, value);
}
static inline CURLcode feedwatch_easy_setopt_pointer(CURL *handle, CURLoption option, const void *value) {
    return curl_easy_setopt(handle, option, value);
}
static inline CURLcode feedwatch_easy_setopt_offset(CURL *handle, CURLoption option, curl_off_t value) {
    return curl_easy_setopt(handle, option, value);
}
typedef size_t (*feedwatch_data_callback)(char *, size_t, size_t, void *);
static inline CURLcode feedwatch_easy_setopt_data_callback(CURL *handle, CURLoption option, feedwatch_data_callback value) {
    return curl_easy_setopt(handle, option, value);
}
typedef int (*feedwatch_progress_callback)(void *, curl_off_t, curl_off_t, curl_off_t, curl_off_t);
static inline CURLcode feedwatch_easy_setopt_progress_callback(CURL *handle, CURLoption option, feedwatch_progress_callback value) {
    return curl_easy_setopt(handle, option, value);
}
static inline CURLcode feedwatch_easy_getinfo_long(CURL *handle, CURLINFO info, long *value) {
    return curl_easy_getinfo(handle, info, value);
}
static inline CURLcode feedwatch_easy_getinfo_offset(CURL *handle, CURLINFO info, curl_off_t *value) {
    return curl_easy_getinfo(handle, info, value);
}
static inline CURLcode feedwatch_easy_getinfo_string(CURL *handle, CURLINFO info, char **value) {
    return curl_easy_getinfo(handle, info, value);
}
static inline CURLcode feedwatch_easy_getinfo_pointer(CURL *handle, CURLINFO info, void **value) {
    return curl_easy_getinfo(handle, info, value);
}
static inline CURLMcode feedwatch_multi_setopt_long(CURLM *handle, CURLMoption option, long value) {
    return curl_multi_setopt(handle, option, value);
}

// CURLMsg keeps its result in an anonymous union; reading it here keeps the
// union layout out of Swift.
static inline CURLcode feedwatch_multi_message_result(const CURLMsg *message) {
    return message->data.result;
}
#endif
