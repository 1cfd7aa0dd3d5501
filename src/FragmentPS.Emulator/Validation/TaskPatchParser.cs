using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using FragmentPS.Emulator.Json;
using FragmentPS.Emulator.Store;

namespace FragmentPS.Emulator.Validation
{
    /// <summary>
    /// Reads a task body into a <see cref="TaskPatch"/>, adding a FastAPI-shaped error for every bad key:
    /// wrong JSON type, status outside the enum, unparsable date, a *_uid that is not a UUID. Unknown and
    /// computed keys are ignored. Duplicate keys: the last one wins, as in most JSON readers.
    /// </summary>
    internal static class TaskPatchParser
    {
        public static TaskPatch? Parse(JsonElement body, IReadOnlyList<object> loc, ValidationErrors errors)
        {
            if (!errors.RequireObject(body, loc)) return null;

            var patch = new TaskPatch { Body = body };
            foreach (JsonProperty property in body.EnumerateObject())
            {
                var field = new FieldReader(property, loc, errors);
                switch (property.Name)
                {
                    case "uid": patch.Uid = field.RequiredUid(); break;
                    case "archived": patch.Archived = field.Bool(); break;
                    case "status": patch.Status = field.Status(); break;
                    case "external_status": patch.ExternalStatus = field.NullableStatus(); break;
                    case "fields": ReadFields(patch, field); break;
                    case "due_at": patch.DueAt = field.Date(); break;
                    case "snooze_expires_at": patch.SnoozeExpiresAt = field.Date(); break;
                    case "started_at": patch.StartedAt = field.Date(); break;
                    case "done_at": patch.DoneAt = field.Date(); break;
                    case "external_created_at": patch.ExternalCreatedAt = field.Date(); break;
                    case "external_updated_at": patch.ExternalUpdatedAt = field.Date(); break;
                    case "queue_uid": patch.QueueUid = field.Uid(); break;
                    case "assignee_uid": patch.AssigneeUid = field.Uid(); break;
                    case "case_uid": patch.CaseUid = field.Uid(); break;
                    case "parent_uid": patch.ParentUid = field.Uid(); break;
                    case "metadata_form_uid": patch.MetadataFormUid = field.Uid(); break;
                    case "external_assignee_uid": patch.ExternalAssigneeUid = field.Uid(); break;
                    case "assignee_email": patch.AssigneeEmail = field.Email(); break;
                    case "skills": patch.Skills = field.UidList(); break;
                    case "participants": patch.Participants = field.ObjectOrNull(); break;
                    case "form_data": patch.FormData = field.ObjectOrNull(); break;
                }
            }
            return patch;
        }

        private static void ReadFields(TaskPatch patch, FieldReader field)
        {
            JsonElement value = field.Value;
            if (value.ValueKind != JsonValueKind.Object)
            {
                field.Fail("dict_type", "Input should be a valid dictionary");
                return;
            }
            patch.FieldsInput = value;
            patch.Fields = value.EnumerateObject().Select(entry => KeyValuePair.Create(entry.Name, entry.Value)).ToList();
        }

        /// <summary>One key of the body: reads its value as a type, or records why it cannot.</summary>
        private readonly struct FieldReader
        {
            private readonly JsonProperty _property;
            private readonly IReadOnlyList<object> _loc;
            private readonly ValidationErrors _errors;

            public FieldReader(JsonProperty property, IReadOnlyList<object> loc, ValidationErrors errors)
            {
                _property = property;
                _loc = loc;
                _errors = errors;
            }

            public JsonElement Value => _property.Value;
            private bool IsNull => Value.ValueKind == JsonValueKind.Null;

            public void Fail(string type, string msg) => _errors.Add(type, _loc, _property.Name, msg, Value);

            public Optional<bool> Bool()
            {
                if (Value.ValueKind is JsonValueKind.True or JsonValueKind.False) return Optional<bool>.Of(Value.GetBoolean());
                Fail("bool_type", "Input should be a valid boolean");
                return default;
            }

            public Optional<string> Status()
            {
                string? status = Value.ValueKind == JsonValueKind.String ? StatusEnum.Parse(Value.GetString()) : null;
                if (status is not null) return Optional<string>.Of(status);
                Fail("enum", StatusEnum.Expected);
                return default;
            }

            public Optional<string?> NullableStatus()
            {
                if (IsNull) return Optional<string?>.Of(null);
                Optional<string> status = Status();
                return status.IsSet ? Optional<string?>.Of(status.Value) : default;
            }

            public Optional<DateTime?> Date()
            {
                if (IsNull) return Optional<DateTime?>.Of(null);
                bool isText = Value.ValueKind == JsonValueKind.String;
                if (isText && IsoDates.TryParse(Value.GetString(), out DateTime date)) return Optional<DateTime?>.Of(date);
                if (isText) Fail("datetime_parsing", ValidationErrors.InvalidDateMessage);
                else Fail("datetime_type", "Input should be a valid datetime");
                return default;
            }

            public Optional<Guid> RequiredUid()
            {
                Optional<Guid?> uid = IsNull ? FailUid() : Uid();
                return uid.IsSet && uid.Value is Guid value ? Optional<Guid>.Of(value) : default;
            }

            public Optional<Guid?> Uid()
            {
                if (IsNull) return Optional<Guid?>.Of(null);
                return TryUid(Value, out Guid uid) ? Optional<Guid?>.Of(uid) : FailUid();
            }

            private Optional<Guid?> FailUid()
            {
                if (Value.ValueKind == JsonValueKind.String) Fail("uuid_parsing", "Input should be a valid UUID");
                else Fail("uuid_type", "UUID input should be a string");
                return default;
            }

            public Optional<Guid[]> UidList()
            {
                if (Value.ValueKind != JsonValueKind.Array)
                {
                    Fail("list_type", "Input should be a valid list");
                    return default;
                }
                var uids = new Guid[Value.GetArrayLength()];
                int i = 0;
                bool ok = true;
                foreach (JsonElement item in Value.EnumerateArray())
                {
                    if (!TryUid(item, out uids[i]))
                    {
                        _errors.Add(item.ValueKind == JsonValueKind.String ? "uuid_parsing" : "uuid_type",
                            ValidationErrors.Child(ValidationErrors.Child(_loc, _property.Name), i),
                            null, "Input should be a valid UUID", item);
                        ok = false;
                    }
                    i++;
                }
                return ok ? Optional<Guid[]>.Of(uids) : default;
            }

            public Optional<string?> Email()
            {
                if (IsNull) return Optional<string?>.Of(null);
                string? text = Value.ValueKind == JsonValueKind.String ? Value.GetString() : null;
                int at = text?.IndexOf('@') ?? -1;
                if (text is not null && at > 0 && at < text.Length - 1) return Optional<string?>.Of(text);
                Fail(text is null ? "string_type" : "value_error",
                    text is null ? "Input should be a valid string" : "value is not a valid email address");
                return default;
            }

            public Optional<JsonElement?> ObjectOrNull()
            {
                if (IsNull) return Optional<JsonElement?>.Of(null);
                if (Value.ValueKind == JsonValueKind.Object) return Optional<JsonElement?>.Of(Value);
                Fail("dict_type", "Input should be a valid dictionary");
                return default;
            }

            private static bool TryUid(JsonElement element, out Guid uid)
            {
                uid = Guid.Empty;
                return element.ValueKind == JsonValueKind.String && UuidText.TryParse(element.GetString(), out uid);
            }
        }
    }
}
