// Plain HTTP/1.1 over a loopback socket, for the tests of the real server:
// what a client sends is exactly what the test writes, oversized or slow.
#pragma once

#include <cstdint>
#include <string>

namespace dandelion::testing {

//! A connected socket to 127.0.0.1:`port`, or -1.
int ConnectLoopback(uint16_t port);
//! Sends all of `data`; false when the peer closed first.
bool SendAll(int fd, const std::string& data);
//! Reads until the peer closes (or `timeout_ms` passes with nothing new);
//! what arrived. `*closed` says whether the peer closed.
std::string ReadAll(int fd, int timeout_ms = 10'000, bool* closed = nullptr);
//! Sends `request` on a new connection and reads the whole answer.
std::string Exchange(uint16_t port, const std::string& request);
//! A request with a JSON body; `extra` more header lines ("Name: v\r\n").
std::string JsonRequest(const std::string& method, const std::string& target,
                        const std::string& body, const std::string& extra = "");
//! The status code of a raw response ("HTTP/1.1 200 OK..."), or 0.
int StatusOf(const std::string& response);

}  // namespace dandelion::testing
