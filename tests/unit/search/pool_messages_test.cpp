// Pool messages (search/pool_messages.h): the exact layout, outcomes crossing bit for bit (NaN
// and infinities too, which JSON could not carry), and every malformed message refused by name.
#include "search/pool_messages.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <limits>

namespace coda::search {
namespace {

std::uint64_t bits(double v) {
  std::uint64_t b;
  std::memcpy(&b, &v, sizeof b);
  return b;
}

std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const std::runtime_error& e) {
    return e.what();
  }
  return "no error";
}

PoolJob six_gene_job() {
  return {41, std::string(64, 'a'), "analytic", {0.0, -0.0, 1.0 / 3.0, 5e-324, 1e308, 2.5}};
}

TEST(PoolMessages, JobLayoutAndRoundTrip) {
  const PoolJob job = six_gene_job();
  const std::string bytes = encode(job);
  // format 1 + index 8 + hash (4 + 64) + fidelity (4 + 8) + gene count 4 + 6 genes x 8 = 141.
  EXPECT_EQ(bytes.size(), 141u);
  EXPECT_EQ(static_cast<std::uint8_t>(bytes[0]), kPoolMessageFormat);
  const PoolJob back = decode_job(bytes);
  EXPECT_EQ(back.index, 41u);
  EXPECT_EQ(back.study_hash, job.study_hash);
  EXPECT_EQ(back.fidelity, "analytic");
  ASSERT_EQ(back.genes.size(), 6u);
  for (std::size_t i = 0; i < 6; ++i) EXPECT_EQ(bits(back.genes[i]), bits(job.genes[i])) << i;
}

TEST(PoolMessages, OutcomesCrossBitForBit) {
  PoolReply reply;
  reply.index = 7;
  reply.outcome.status = Status::infeasible;
  reply.outcome.reason = "area 412 mm^2 > 400";
  reply.outcome.fidelity = "event";
  reply.outcome.eval_s = 0.0123;
  reply.outcome.metrics = {{"area_mm2", 0.1 + 0.2},
                           {"latency_s", std::numeric_limits<double>::infinity()},
                           {"slack", -std::numeric_limits<double>::infinity()},
                           {"tflops", std::numeric_limits<double>::quiet_NaN()}};
  const PoolReply back = decode_reply(encode(reply));
  EXPECT_EQ(back.index, 7u);
  EXPECT_EQ(back.kind, PoolReply::Kind::outcome);
  EXPECT_EQ(back.outcome.status, Status::infeasible);
  EXPECT_EQ(back.outcome.reason, reply.outcome.reason);
  EXPECT_EQ(back.outcome.fidelity, "event");
  EXPECT_EQ(bits(back.outcome.eval_s), bits(0.0123));
  ASSERT_EQ(back.outcome.metrics.size(), 4u);
  for (const auto& [name, value] : reply.outcome.metrics)
    EXPECT_EQ(bits(back.outcome.metrics.at(name)), bits(value)) << name;
}

TEST(PoolMessages, ErrorRepliesKeepTheirKindAndText) {
  for (const auto kind : {PoolReply::Kind::error, PoolReply::Kind::input_error}) {
    PoolReply reply;
    reply.index = 3;
    reply.kind = kind;
    reply.error = "its study differs from rank 0's";
    const std::string bytes = encode(reply);
    // format 1 + index 8 + kind 1 + text (4 + 31) = 45: no outcome fields.
    EXPECT_EQ(bytes.size(), 45u);
    const PoolReply back = decode_reply(bytes);
    EXPECT_EQ(back.kind, kind);
    EXPECT_EQ(back.index, 3u);
    EXPECT_EQ(back.error, reply.error);
  }
}

TEST(PoolMessages, MalformedMessagesAreRefusedByName) {
  const std::string job = encode(six_gene_job());
  EXPECT_EQ(error_of([&] { decode_job(job.substr(0, 5)); }),
            "pool message (job) ends after 5 bytes, inside a field of 8 bytes at byte 1");
  EXPECT_EQ(error_of([&] { decode_job(""); }),
            "pool message (job) ends after 0 bytes, inside a field of 1 byte at byte 0");
  // Every shorter prefix is refused, none is read past its end.
  for (std::size_t n = 0; n < job.size(); ++n)
    EXPECT_NE(error_of([&] { decode_job(job.substr(0, n)); }), "no error") << n;
  EXPECT_EQ(error_of([&] { decode_job(job + "x"); }),
            "pool message (job) has 1 byte after its last field");
  std::string other = job;
  other[0] = 7;
  EXPECT_EQ(error_of([&] { decode_job(other); }),
            "pool message (job) is in format 7, this coda reads format 1 (every rank must run "
            "the same coda)");
  PoolReply reply;
  std::string bad = encode(reply);
  bad[9] = 3;  // the kind, after the format byte and the index
  EXPECT_EQ(error_of([&] { decode_reply(bad); }),
            "pool message (reply) has kind 3, not 0 (outcome), 1 (error) or 2 (input error)");
  bad = encode(reply);
  bad[10] = 9;  // the status
  EXPECT_EQ(error_of([&] { decode_reply(bad); }),
            "pool message (reply) has status 9, not 0 (ok), 1 (infeasible) or 2 (failed)");
}

}  // namespace
}  // namespace coda::search
