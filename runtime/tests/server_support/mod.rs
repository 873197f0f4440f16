//! A small hand-written "generated-like" chat service wired through `smithy_runtime::server`,
//! shaped like what the code generator emits: a service trait, a static route table, one
//! deserialize-validate-call-serialize function per operation, and `router()`.
#![allow(dead_code)] // each test binary uses a different part of it

use std::collections::HashMap;
use std::future::Future;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::Body;
use http_body_util::BodyExt as _;
use serde_json::{Value, json};
use smithy_runtime::server::{
    BodyKind, LazyRegex, Rejection, Request, Response, ResponseBuilder, RouteSpec, Seg, Server,
    ServerConfig, ValidationReport, axum, child_path,
};
use smithy_runtime::wire::json::{self as wj, Path};

// ---- "generated" types -------------------------------------------------------------------

/// CreateRoom input (all members optional on the wire; `name` is @required).
#[derive(Debug, Clone, PartialEq)]
pub struct CreateRoomInput {
    pub name: String,
    pub maximum_message_length: Option<i32>,
    pub tags: HashMap<String, String>,
    pub mode: Option<String>,
    pub aliases: Vec<String>,
}

/// A room.
#[derive(Debug, Clone, PartialEq)]
pub struct Room {
    pub id: String,
    pub name: String,
}

/// Operation errors the service can return (modeled).
#[derive(Debug)]
pub enum ChatError {
    ResourceNotFound(String),
}

/// The service trait users implement.
pub trait Chat: Send + Sync + 'static {
    fn create_room(
        &self,
        input: CreateRoomInput,
    ) -> impl Future<Output = Result<Room, ChatError>> + Send;
    fn get_room(&self, id: String) -> impl Future<Output = Result<Room, ChatError>> + Send;
    fn delete_room(&self, id: String) -> impl Future<Output = Result<(), ChatError>> + Send;
    fn slow(&self, millis: u64) -> impl Future<Output = ()> + Send;
}

// ---- "generated" route table and dispatch -------------------------------------------------

pub static ROUTES: &[RouteSpec] = &[
    RouteSpec {
        operation: "CreateRoom",
        method: "POST",
        path: &[Seg::Lit("rooms")],
        query: &[],
        input: BodyKind::Json,
        output: BodyKind::Json,
    },
    RouteSpec {
        operation: "GetRoom",
        method: "GET",
        path: &[Seg::Lit("rooms"), Seg::Label("roomId")],
        query: &[],
        input: BodyKind::None,
        output: BodyKind::Json,
    },
    RouteSpec {
        operation: "DeleteRoom",
        method: "DELETE",
        path: &[Seg::Lit("rooms"), Seg::Label("roomId")],
        query: &[],
        input: BodyKind::None,
        output: BodyKind::None,
    },
    RouteSpec {
        operation: "GetRoomStats",
        method: "GET",
        path: &[Seg::Lit("rooms"), Seg::Lit("stats")],
        query: &[],
        input: BodyKind::None,
        output: BodyKind::Json,
    },
    RouteSpec {
        operation: "GetObjectMeta",
        method: "GET",
        path: &[Seg::Lit("objects"), Seg::Greedy("key"), Seg::Lit("meta")],
        query: &[],
        input: BodyKind::None,
        output: BodyKind::Json,
    },
    RouteSpec {
        operation: "GetObject",
        method: "GET",
        path: &[Seg::Lit("objects"), Seg::Greedy("key")],
        query: &[],
        input: BodyKind::None,
        output: BodyKind::Json,
    },
    RouteSpec {
        operation: "ListTagsForResource",
        method: "GET",
        path: &[Seg::Lit("tags"), Seg::Label("resourceArn")],
        query: &[("list", None)],
        input: BodyKind::None,
        output: BodyKind::Json,
    },
    RouteSpec {
        operation: "DescribeResource",
        method: "GET",
        path: &[Seg::Lit("tags"), Seg::Label("resourceArn")],
        query: &[],
        input: BodyKind::None,
        output: BodyKind::Json,
    },
    RouteSpec {
        operation: "SearchRooms",
        method: "GET",
        path: &[Seg::Lit("search")],
        query: &[("type", Some("room"))],
        input: BodyKind::None,
        output: BodyKind::Json,
    },
    RouteSpec {
        operation: "Panic",
        method: "POST",
        path: &[Seg::Lit("panic")],
        query: &[],
        input: BodyKind::None,
        output: BodyKind::Json,
    },
    RouteSpec {
        operation: "Slow",
        method: "GET",
        path: &[Seg::Lit("slow")],
        query: &[],
        input: BodyKind::None,
        output: BodyKind::Json,
    },
];

static ROOM_NAME: LazyRegex = LazyRegex::new("^[a-zA-Z0-9-_]*$");

/// Builds the router, as generated `router(impl Service)` does.
pub fn router<S: Chat>(service: S) -> axum::Router {
    router_with_config(service, ServerConfig::default())
}

/// Like [`router`], with settings.
pub fn router_with_config<S: Chat>(service: S, config: ServerConfig) -> axum::Router {
    let service = Arc::new(service);
    Server::new(ROUTES, config, move |req| dispatch(service.clone(), req))
        .expect("the route table is valid")
        .into_router()
}

async fn dispatch<S: Chat>(service: Arc<S>, req: Request) -> Result<Response, Rejection> {
    match req.operation_index() {
        0 => {
            let input = parse_create_room(&req)?;
            match service.create_room(input).await {
                Ok(room) => ResponseBuilder::new(200).json(room_json(&room)),
                Err(e) => error_response(e),
            }
        }
        1 => match service
            .get_room(req.label("roomId").unwrap_or_default().to_string())
            .await
        {
            Ok(room) => ResponseBuilder::new(200).json(room_json(&room)),
            Err(e) => error_response(e),
        },
        2 => match service
            .delete_room(req.label("roomId").unwrap_or_default().to_string())
            .await
        {
            Ok(()) => ResponseBuilder::new(204).empty(),
            Err(e) => error_response(e),
        },
        3 => ResponseBuilder::new(200).json(r#"{"operation":"GetRoomStats"}"#),
        4..=7 => {
            let label = if req.operation_index() >= 6 {
                "resourceArn"
            } else {
                "key"
            };
            let body = json!({ "operation": req.operation(), "label": req.label(label) });
            ResponseBuilder::new(200).json(wj::to_bytes(&body))
        }
        8 => ResponseBuilder::new(200).json(r#"{"operation":"SearchRooms"}"#),
        9 => panic!("handler bug"),
        10 => {
            let millis = req.query().parse_first::<u64>("ms")?.unwrap_or(0);
            service.slow(millis).await;
            ResponseBuilder::new(200).json("{}")
        }
        other => Err(Rejection::internal(format!("no operation {other}"))),
    }
}

fn room_json(room: &Room) -> Vec<u8> {
    wj::to_bytes(&json!({ "id": room.id, "name": room.name })).to_vec()
}

fn error_response(e: ChatError) -> Result<Response, Rejection> {
    match e {
        ChatError::ResourceNotFound(message) => {
            ResponseBuilder::error(404, "ResourceNotFoundException")
                .json(wj::to_bytes(&json!({ "message": message })))
        }
    }
}

/// Deserializes (400 SerializationException on bad JSON/types) then validates every
/// constraint (400 ValidationException listing all violations).
fn parse_create_room(req: &Request) -> Result<CreateRoomInput, Rejection> {
    let doc = req.json()?;
    let root = Path::Root;
    let obj = wj::object(&doc, &root)?;
    let field = |name: &'static str| wj::field(obj, name).map(|v| (v, name));
    let name = field("name")
        .map(|(v, n)| wj::string(v, &root.field(n)))
        .transpose()?;
    let max = field("maximumMessageLength")
        .map(|(v, n)| wj::integer::<i32>(v, &root.field(n)))
        .transpose()?;
    let tags = field("tags")
        .map(|(v, n)| wj::map(v, &root.field(n), wj::string))
        .transpose()?;
    let mode = field("mode")
        .map(|(v, n)| wj::string(v, &root.field(n)))
        .transpose()?;
    let aliases = field("aliases")
        .map(|(v, n)| wj::list(v, &root.field(n), wj::string))
        .transpose()?;

    let mut report = ValidationReport::new();
    report.required("/name", name.is_some());
    if let Some(name) = &name {
        report.length_str("/name", name, Some(1), Some(12));
        report.pattern("/name", name, &ROOM_NAME);
    }
    if let Some(max) = max {
        report.range("/maximumMessageLength", max, Some(1), Some(500));
    }
    if let Some(tags) = &tags {
        report.length("/tags", tags.len(), None, Some(3));
        let mut keys: Vec<&String> = tags.keys().collect();
        keys.sort();
        for key in keys {
            // Key violations are reported at the map's path, value violations below it.
            report.length_str("/tags", key, Some(1), Some(8));
            report.length_str(&child_path("/tags", key), &tags[key], None, Some(16));
        }
    }
    if let Some(mode) = &mode {
        report.enum_value("/mode", &mode.as_str(), &["open", "closed"]);
    }
    if let Some(aliases) = &aliases {
        report.unique_items("/aliases", aliases);
    }
    report.finish()?;
    Ok(CreateRoomInput {
        name: name.unwrap_or_default(),
        maximum_message_length: max,
        tags: tags.unwrap_or_default(),
        mode,
        aliases: aliases.unwrap_or_default(),
    })
}

// ---- a user's implementation ----------------------------------------------------------------

/// An in-memory implementation.
#[derive(Default, Clone)]
pub struct Memory {
    pub rooms: Arc<Mutex<HashMap<String, Room>>>,
    pub created: Arc<Mutex<Vec<CreateRoomInput>>>,
}

impl Chat for Memory {
    async fn create_room(&self, input: CreateRoomInput) -> Result<Room, ChatError> {
        let id = format!("room-{}", self.rooms.lock().unwrap().len() + 1);
        let room = Room {
            id: id.clone(),
            name: input.name.clone(),
        };
        self.rooms.lock().unwrap().insert(id, room.clone());
        self.created.lock().unwrap().push(input);
        Ok(room)
    }

    async fn get_room(&self, id: String) -> Result<Room, ChatError> {
        self.rooms
            .lock()
            .unwrap()
            .get(&id)
            .cloned()
            .ok_or_else(|| ChatError::ResourceNotFound(format!("room {id} not found")))
    }

    async fn delete_room(&self, id: String) -> Result<(), ChatError> {
        match self.rooms.lock().unwrap().remove(&id) {
            Some(_) => Ok(()),
            None => Err(ChatError::ResourceNotFound(format!("room {id} not found"))),
        }
    }

    async fn slow(&self, millis: u64) {
        tokio::time::sleep(Duration::from_millis(millis)).await;
    }
}

// ---- test helpers ----------------------------------------------------------------------------

/// A request with optional JSON body.
pub fn request(
    method: &str,
    uri: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> http::Request<Body> {
    let mut b = http::Request::builder().method(method).uri(uri);
    for (k, v) in headers {
        b = b.header(*k, *v);
    }
    b.body(Body::from(body.to_string())).unwrap()
}

/// Status, headers and body text of a response.
pub async fn read(response: Response) -> (u16, http::HeaderMap, String) {
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    (status, headers, String::from_utf8(bytes.to_vec()).unwrap())
}

/// The body parsed as JSON.
pub fn json_of(body: &str) -> Value {
    serde_json::from_str(body).unwrap_or_else(|e| panic!("not JSON ({e}): {body}"))
}
