/*
 * Partner Hub's Mosquitto 2.0 plugin: one log line per CONNECT attempt, so
 * the portal can say who tried and how, even when the broker refuses (its own
 * log names no client then). It also refuses, with a stated verdict, what a
 * device must never do: connect with MQTT older than v5, or with a client id
 * other than its device id (its username). Everything else it defers to the
 * password file, which runs after it.
 *
 * The line, at notice level:
 *   partner-hub-connect v=<verdict> a=<address> c=<client id> u=<username> p=<protocol> k=<keep-alive> s=<clean start>
 * where verdict is "deferred", "refused-protocol" or "refused-client-id",
 * and client id and username are percent-encoded (a client cannot forge lines).
 * And for a device's publish or subscribe outside its own topics
 * (v1/device/<its id>/...), which the broker's ACL refuses anyway, one line:
 *   partner-hub-denied a=<publish|subscribe> c=<client id> q=<qos> t=<topic or filter>
 * (the broker logs a refused publish only at debug level, which would log
 * every message, and a refused subscribe not at all).
 * Mosquitto runs one thread: the broker's next lines about this attempt
 * ("New client connected ..." or "... disconnected, not authorised.") follow it.
 * A reload (SIGHUP) checks every connected client's credentials again through
 * the same callback; those checks are not attempts and are not logged: the
 * reload event starts them and the loop's next tick ends them.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <mosquitto_broker.h>
#include <mosquitto_plugin.h>

/* From mosquitto.h (libmosquitto-dev), which the broker's plugin headers do not need otherwise. */
#define MOSQ_ERR_AUTH 11
#define MOSQ_ERR_PLUGIN_DEFER 17
#define MOSQ_LOG_NOTICE 0x02
#define MOSQ_ERR_SUCCESS 0
#define MOSQ_ERR_ACL_DENIED 12

static mosquitto_plugin_id_t *plugin_id = NULL;
static int is_reloading = 0;

static int on_reload(int event, void *event_data, void *userdata) {
  (void)event;
  (void)event_data;
  (void)userdata;
  is_reloading = 1;
  return MOSQ_ERR_PLUGIN_DEFER;
}

static int on_tick(int event, void *event_data, void *userdata) {
  (void)event;
  (void)event_data;
  (void)userdata;
  is_reloading = 0;
  return MOSQ_ERR_SUCCESS;
}

/* Percent-encodes anything but [A-Za-z0-9._:-]; "-" stands for none. */
static void encode(const char *in, char *out, size_t size) {
  static const char hex[] = "0123456789ABCDEF";
  size_t n = 0;
  if (!in) {
    snprintf(out, size, "-");
    return;
  }
  for (const unsigned char *p = (const unsigned char *)in; *p && n + 4 < size; p++) {
    if (isalnum(*p) || *p == '.' || *p == '_' || *p == ':' || *p == '-') {
      out[n++] = (char)*p;
    } else {
      out[n++] = '%';
      out[n++] = hex[*p >> 4];
      out[n++] = hex[*p & 15];
    }
  }
  out[n] = '\0';
}

/* Device ids are UUIDs; the portal's own accounts are not, and are left alone. */
static int is_device(const char *username) {
  if (!username || strlen(username) != 36) return 0;
  for (int i = 0; i < 36; i++) {
    char c = username[i];
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      if (c != '-') return 0;
    } else if (!isxdigit((unsigned char)c)) {
      return 0;
    }
  }
  return 1;
}

/* Is topic (or filter) the device's own: v1/device/<id> or below it? */
static int is_own_topic(const char *id, const char *topic) {
  char prefix[64];
  int n = snprintf(prefix, sizeof prefix, "v1/device/%s", id);
  if (n <= 0 || (size_t)n >= sizeof prefix || strncmp(topic, prefix, (size_t)n) != 0) return 0;
  return topic[n] == '\0' || topic[n] == '/';
}

static int on_acl_check(int event, void *event_data, void *userdata) {
  (void)event;
  (void)userdata;
  struct mosquitto_evt_acl_check *ed = event_data;
  if (ed->access != MOSQ_ACL_WRITE && ed->access != MOSQ_ACL_SUBSCRIBE) return MOSQ_ERR_PLUGIN_DEFER;
  const char *username = mosquitto_client_username(ed->client);
  if (!is_device(username) || !ed->topic || is_own_topic(username, ed->topic)) return MOSQ_ERR_PLUGIN_DEFER;
  char client[512], topic[1024];
  encode(mosquitto_client_id(ed->client), client, sizeof client);
  encode(ed->topic, topic, sizeof topic);
  mosquitto_log_printf(MOSQ_LOG_NOTICE, "partner-hub-denied a=%s c=%s q=%d t=%s",
                       ed->access == MOSQ_ACL_WRITE ? "publish" : "subscribe", client, ed->qos, topic);
  return MOSQ_ERR_ACL_DENIED;
}

static int on_basic_auth(int event, void *event_data, void *userdata) {
  (void)event;
  (void)userdata;
  struct mosquitto_evt_basic_auth *ed = event_data;
  const char *id = mosquitto_client_id(ed->client);
  int protocol = mosquitto_client_protocol_version(ed->client);
  const char *verdict = "deferred";
  if (is_device(ed->username)) {
    if (protocol < 5) verdict = "refused-protocol";
    else if (!id || strcmp(id, ed->username) != 0) verdict = "refused-client-id";
  }
  if (is_reloading) return strcmp(verdict, "deferred") == 0 ? MOSQ_ERR_PLUGIN_DEFER : MOSQ_ERR_AUTH;
  char client[512], username[512];
  encode(id, client, sizeof client);
  encode(ed->username, username, sizeof username);
  const char *address = mosquitto_client_address(ed->client);
  mosquitto_log_printf(MOSQ_LOG_NOTICE, "partner-hub-connect v=%s a=%s c=%s u=%s p=%d k=%d s=%d", verdict,
                       address ? address : "-", client, username, protocol, mosquitto_client_keepalive(ed->client),
                       mosquitto_client_clean_session(ed->client) ? 1 : 0);
  return strcmp(verdict, "deferred") == 0 ? MOSQ_ERR_PLUGIN_DEFER : MOSQ_ERR_AUTH;
}

int mosquitto_plugin_version(int supported_version_count, const int *supported_versions) {
  for (int i = 0; i < supported_version_count; i++) {
    if (supported_versions[i] == 5) return 5;
  }
  return -1;
}

int mosquitto_plugin_init(mosquitto_plugin_id_t *identifier, void **userdata, struct mosquitto_opt *options,
                          int option_count) {
  (void)userdata;
  (void)options;
  (void)option_count;
  plugin_id = identifier;
  int rc = mosquitto_callback_register(plugin_id, MOSQ_EVT_BASIC_AUTH, on_basic_auth, NULL, NULL);
  if (rc == MOSQ_ERR_SUCCESS) rc = mosquitto_callback_register(plugin_id, MOSQ_EVT_ACL_CHECK, on_acl_check, NULL, NULL);
  if (rc == MOSQ_ERR_SUCCESS) rc = mosquitto_callback_register(plugin_id, MOSQ_EVT_RELOAD, on_reload, NULL, NULL);
  if (rc == MOSQ_ERR_SUCCESS) rc = mosquitto_callback_register(plugin_id, MOSQ_EVT_TICK, on_tick, NULL, NULL);
  return rc;
}

int mosquitto_plugin_cleanup(void *userdata, struct mosquitto_opt *options, int option_count) {
  (void)userdata;
  (void)options;
  (void)option_count;
  mosquitto_callback_unregister(plugin_id, MOSQ_EVT_TICK, on_tick, NULL);
  mosquitto_callback_unregister(plugin_id, MOSQ_EVT_RELOAD, on_reload, NULL);
  mosquitto_callback_unregister(plugin_id, MOSQ_EVT_ACL_CHECK, on_acl_check, NULL);
  return mosquitto_callback_unregister(plugin_id, MOSQ_EVT_BASIC_AUTH, on_basic_auth, NULL);
}
