#include "mcp/server.hpp"

#include "mcp/call_result.hpp"
#include "plugin_loader.hpp"

#include <iostream>
#include <vector>

namespace thrive::cli::mcp {

// Collects the answers of one batch and writes them as one array once every
// request in it is answered or dropped.
class Server::Batch {
public:
    explicit Batch(MessageWriter& writer) : writer_(writer) {}
    void expect() {
        std::lock_guard lock(mutex_);
        ++pending_;
    }
    void deliver(std::optional<json::object> answer) {
        json::array done;
        {
            std::lock_guard lock(mutex_);
            if (answer) answers_.push_back(std::move(*answer));
            if (--pending_ > 0 || answers_.empty()) return;
            done = std::move(answers_);
            answers_.clear();
        }
        writer_.write(done);
    }

private:
    MessageWriter& writer_;
    std::mutex mutex_;
    int pending_ = 1;  // held by the reader until every element was handled
    json::array answers_;
};

namespace {

void log(const std::string& line) { std::cerr << "thrive mcp: " << line << std::endl; }

std::optional<json::value> progress_token_of(const json::object& params) {
    auto meta = params.if_contains("_meta");
    if (!meta || !meta->is_object()) return std::nullopt;
    auto token = meta->as_object().if_contains("progressToken");
    if (!token || !(token->is_string() || token->is_number())) return std::nullopt;
    return *token;
}

}  // namespace

Server::Server(Instance& instance, MessageWriter& writer, ServerInfo info, std::size_t page_size)
    : instance_(instance),
      writer_(writer),
      info_(std::move(info)),
      catalog_(instance.tools_json(), page_size),
      protocol_version_(kLatestProtocolVersion),
      calls_(instance.api(), instance.raw(),
             [this](PendingCall& call, int status, std::string_view envelope, bool cancelled) {
                 complete_call(call, status, envelope, cancelled);
             }) {}

Server::~Server() { shutdown(); }

ProtocolFeatures Server::features() const {
    std::lock_guard lock(state_mutex_);
    return features_of(protocol_version_);
}

Reply Server::reply_for(const std::shared_ptr<Batch>& batch) {
    if (!batch)
        return [this](std::optional<json::object> answer) {
            if (answer) writer_.write(*answer);
        };
    batch->expect();
    return [batch](std::optional<json::object> answer) { batch->deliver(std::move(answer)); };
}

void Server::handle_line(std::string_view line) {
    if (line.find_first_not_of(" \t\r\n") == std::string_view::npos) return;
    boost::system::error_code ec;
    json::value message = json::parse(line, ec);
    if (ec) {
        log("parse error: " + ec.message());
        writer_.write(make_error(nullptr, rpc_error::parse_error, "Parse error: " + ec.message()));
        return;
    }
    if (!message.is_array()) {
        handle_message(message, nullptr);
        return;
    }
    const auto& elements = message.as_array();
    if (elements.empty()) {
        writer_.write(make_error(nullptr, rpc_error::invalid_request, "Invalid Request: an empty batch"));
        return;
    }
    std::string version;
    {
        std::lock_guard lock(state_mutex_);
        version = protocol_version_;
    }
    if (!features_of(version).batches) {
        writer_.write(make_error(nullptr, rpc_error::invalid_request,
                                 "Invalid Request: JSON-RPC batches are not part of MCP revision " + version));
        return;
    }
    auto batch = std::make_shared<Batch>(writer_);
    for (const auto& element : elements) handle_message(element, batch);
    batch->deliver(std::nullopt);  // the reader's hold
}

void Server::handle_message(const json::value& message, const std::shared_ptr<Batch>& batch) {
    Incoming in = classify(message);
    switch (in.kind) {
        case Incoming::Kind::response:
            log("ignoring a response: this server sends no requests");
            return;
        case Incoming::Kind::notification:
            handle_notification(in);
            return;
        case Incoming::Kind::invalid:
            reply_for(batch)(make_error(in.id, rpc_error::invalid_request, "Invalid Request: " + in.problem));
            return;
        case Incoming::Kind::request:
            handle_request(in, reply_for(batch));
            return;
    }
}

void Server::handle_notification(const Incoming& in) {
    if (in.method == "notifications/initialized") {
        std::lock_guard lock(state_mutex_);
        initialized_ = true;
        return;
    }
    if (in.method == "notifications/cancelled") {
        const json::value* id = in.params.is_object() ? in.params.as_object().if_contains("requestId") : nullptr;
        if (!id || !(id->is_string() || id->is_number())) return;
        if (calls_.cancel(id_key(*id))) log("request " + id_key(*id) + " cancelled by the client");
        return;
    }
    // Anything else (progress, roots/list_changed, ...) needs nothing from us.
}

void Server::handle_request(const Incoming& in, Reply reply) {
    if (in.method == "initialize") return initialize(in, reply);
    {
        std::lock_guard lock(state_mutex_);
        if (!initialize_seen_ && in.method != "ping" && !warned_uninitialized_) {
            warned_uninitialized_ = true;
            log("'" + in.method + "' before initialize: answering with revision " + protocol_version_);
        }
    }
    try {
        if (!in.params.is_null() && !in.params.is_object())
            return reply(make_error(in.id, rpc_error::invalid_params, "Invalid params: \"params\" must be an object"));
        if (in.method == "ping") return reply(make_result(in.id, json::object{}));
        if (in.method == "tools/list") return list_tools(in, reply);
        if (in.method == "tools/call") return call_tool(in, reply);
        reply(make_error(in.id, rpc_error::method_not_found, "Method not found: " + in.method));
    } catch (const std::exception& e) {
        // Keep serving; answer the request unless its reply was handed on.
        log("internal error on '" + in.method + "': " + e.what());
        if (reply) reply(make_error(in.id, rpc_error::internal_error, "Internal error"));
    }
}

void Server::initialize(const Incoming& in, Reply& reply) {
    const json::object* params = in.params.if_object();
    const json::value* requested = params ? params->if_contains("protocolVersion") : nullptr;
    if (!requested || !requested->is_string())
        return reply(make_error(in.id, rpc_error::invalid_params,
                                "Invalid params: initialize needs \"protocolVersion\" (a string)"));
    std::string version;
    {
        std::lock_guard lock(state_mutex_);
        if (initialize_seen_)
            return reply(make_error(in.id, rpc_error::invalid_request, "Invalid Request: already initialized"));
        initialize_seen_ = true;
        version = protocol_version_ = negotiate_protocol_version(requested->as_string());
    }
    if (version != requested->as_string())
        log("client asked for protocol revision " + std::string(requested->as_string()) + "; offering " + version);
    ProtocolFeatures f = features_of(version);

    json::object server{{"name", info_.name}, {"version", info_.version}};
    if (f.tool_title) server["title"] = info_.title;
    if (f.server_description && !info_.description.empty()) server["description"] = info_.description;
    json::object result{{"protocolVersion", version},
                        {"capabilities", json::object{{"tools", json::object{{"listChanged", false}}}}},
                        {"serverInfo", std::move(server)}};
    if (f.instructions && !info_.instructions.empty()) result["instructions"] = info_.instructions;
    reply(make_result(in.id, std::move(result)));
}

void Server::list_tools(const Incoming& in, Reply& reply) {
    std::optional<std::string> cursor;
    if (const json::object* params = in.params.if_object()) {
        if (auto c = params->if_contains("cursor"); c && !c->is_null()) {
            if (!c->is_string())
                return reply(make_error(in.id, rpc_error::invalid_params, "Invalid params: \"cursor\" must be a string"));
            cursor = std::string(c->as_string());
        }
    }
    auto page = catalog_.page(cursor, features());
    if (!page)
        return reply(make_error(in.id, rpc_error::invalid_params,
                                "Invalid params: unknown cursor (use the nextCursor of a previous tools/list)"));
    json::object result{{"tools", std::move(page->tools)}};
    if (page->next_cursor) result["nextCursor"] = *page->next_cursor;
    reply(make_result(in.id, std::move(result)));
}

void Server::call_tool(const Incoming& in, Reply& reply) {
    const json::object* params = in.params.if_object();
    const json::value* name = params ? params->if_contains("name") : nullptr;
    if (!name || !name->is_string())
        return reply(make_error(in.id, rpc_error::invalid_params, "Invalid params: tools/call needs \"name\" (a string)"));
    std::string tool(name->as_string());
    if (!catalog_.contains(tool))
        return reply(make_error(in.id, rpc_error::invalid_params, "Unknown tool: " + tool + " (tools/list lists them)"));
    json::object arguments;
    if (auto a = params->if_contains("arguments")) {
        if (!a->is_object())
            return reply(make_error(in.id, rpc_error::invalid_params, "Invalid params: \"arguments\" must be an object"));
        arguments = a->as_object();
    }
    std::string key = id_key(in.id);
    if (calls_.contains(key))
        return reply(make_error(in.id, rpc_error::invalid_request,
                                "Invalid Request: request id " + key + " is already in use by a call in flight"));

    ProtocolFeatures f = features();
    if (std::string field = operator_argument(arguments, catalog_.operator_parameters()); !field.empty()) {
        log(tool + ": refused an operator setting in the arguments (" + field + ")");
        return reply(make_result(in.id, operator_refusal(field)));
    }

    auto call = std::make_shared<PendingCall>();
    call->key = key;
    call->id = in.id;
    call->tool = tool;
    call->progress_token = progress_token_of(*params);
    call->structured = f.structured_output;
    call->reply = std::move(reply);
    if (call->progress_token) send_progress(*call->progress_token, 0, "Calling " + tool);

    int status = calls_.start(call, json::serialize(arguments));
    if (status != THRIVE_OK) {
        // The plugin did not take the call (it is shutting down): say so.
        call->reply(make_result(in.id, error_result(tool + " failed (internal): the plugin did not start the call (status " +
                                                    std::to_string(status) + ")")));
    }
}

void Server::complete_call(PendingCall& call, int status, std::string_view envelope, bool cancelled) {
    if (cancelled) {
        log("request " + call.key + " (" + call.tool + ") stopped; no answer is sent for a cancelled request");
        call.reply(std::nullopt);  // a cancelled request gets no answer
        return;
    }
    if (call.progress_token)
        send_progress(*call.progress_token, 1, call.tool + (status == THRIVE_OK ? " finished" : " failed"));
    call.reply(make_result(call.id, call_result(call.tool, envelope, call.structured)));
}

void Server::send_progress(const json::value& token, int progress, const std::string& message) {
    writer_.write(make_notification(
        "notifications/progress",
        json::object{{"progressToken", token}, {"progress", progress}, {"total", 1}, {"message", message}}));
}

void Server::finish(std::chrono::milliseconds grace) {
    calls_.wait_idle_for(grace);
    shutdown();
}

void Server::shutdown() {
    calls_.cancel_all();
    calls_.wait_idle();
}

}  // namespace thrive::cli::mcp
