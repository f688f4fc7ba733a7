"""The base of every tenant repository: built for one account's mode (test or live), it
cannot query another account, nor the other mode of its own.

Subclasses name their model and id prefix; they inherit `get` (404 across tenants),
`get_for_update` (row lock; BEGIN IMMEDIATE already serialises writers on SQLite) and keyset
`page` over `id`, the creation order.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable
from typing import Any, ClassVar, Generic, Protocol, TypeVar

from sqlalchemy import (
    ColumnElement,
    Select,
    String,
    and_,
    bindparam,
    event,
    false,
    func,
    inspect,
    or_,
    select,
    true,
)
from sqlalchemy.dialects import postgresql
from sqlalchemy.orm import InstrumentedAttribute, Mapped, Session, aliased, subqueryload
from sqlalchemy.orm.attributes import set_committed_value

from remit.context import Context
from remit.db.engine import dialect_of
from remit.kernel.caching import typed_cache
from remit.kernel.pagination import Page, PageRequest
from remit.kernel.problems import NotFound


class TenantModel(Protocol):
    """A tenant's table, keyed by (`account_id`, `id`); the id orders its lists and continues
    them (the cursor). The columns are the class's descriptors: read on a row, its values."""

    account_id: ClassVar[Mapped[str]]
    livemode: ClassVar[Mapped[bool]]
    id: ClassVar[Mapped[str]]


M = TypeVar("M", bound=TenantModel)


def in_tenant(ctx: Context, model: type[TenantModel]) -> ColumnElement[bool]:
    """`model`'s rows of the context's account and mode, for a query outside a repository."""
    return and_(model.account_id == ctx.account_id, model.livemode == ctx.livemode)


def tenant_bound(model: type[TenantModel], livemode: bool) -> ColumnElement[bool]:
    """`in_tenant` for a statement built once and bound per call (`account_id` bound by that
    name): the mode is written into the statement, not bound. Bound, it left PostgreSQL's
    generic plan free to read the account's rows by (account_id, livemode, id) instead of
    the narrower index the rest of the query names (docs/performance.md). Build one
    statement per mode."""
    return and_(model.account_id == bindparam("account_id"), model.livemode == livemode)


class TenantRepository(Generic[M]):
    model: ClassVar[type[Any]]
    kind: ClassVar[str]  # as error messages name it: "invoice", "customer"

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.session = ctx.session
        self.account_id = ctx.account_id
        self.livemode = ctx.livemode

    def _column(self, name: str) -> InstrumentedAttribute[Any]:
        column: InstrumentedAttribute[Any] = getattr(self.model, name)
        return column

    def select(self) -> Select[M]:
        """Every query starts here, already filtered to the account and the mode."""
        return self.shape(self.unshaped())

    def unshaped(self) -> Select[M]:
        """The tenant's rows without what `shape` adds: deleted ones too, where `shape`
        leaves them out (the history of invoices that name them stays readable)."""
        return select(self.model).where(self.scoped())

    def shape(self, statement: Select[M]) -> Select[M]:
        """What the repository adds to every query of its model (loader options, "not
        deleted"), without tenant values: `find` builds its statement once per `variant`."""
        return statement

    def shape_many(self, statement: Select[M]) -> Select[M]:
        """`shape` for reads of many objects at once (`read_ahead`), without its loader
        options: `read_ahead` loads the `collections` itself."""
        return self.shape(statement)

    def collections(self) -> tuple[str, ...]:
        """The relationships `read_ahead` loads with the objects (by `variant`)."""
        return ()

    def variant(self) -> Hashable:
        """What `shape` depends on besides the repository's class (nothing, by default)."""
        return None

    def scoped(self) -> ColumnElement[bool]:
        """`account_id = ? AND livemode = ?` on this repository's model: the clause that keeps
        a query in its tenant."""
        return and_(
            self._column("account_id") == self.account_id,
            self._column("livemode") == self.livemode,
        )

    def by_id(self, object_id: str) -> Select[M]:
        return self.select().where(self._column("id") == object_id)

    async def find(self, object_id: str, *, lock: bool = False) -> M | None:
        """The object by id, in the tenant. The statement is built once per repository
        class, `variant` and lock, and bound per call: building it again for every read
        cost the billing run a sixth of its CPU (docs/performance.md). An object the
        transaction read ahead (`read_ahead`) is answered without a statement."""
        ahead = self._ahead(object_id, lock)
        if ahead is not None:
            return ahead
        statement = self._statement(lock, many=False)
        params = {
            "tenant_account": self.account_id,
            "tenant_livemode": self.livemode,
            "object_id": object_id,
        }
        found: M | None = await self.session.scalar(statement, params)
        return found

    async def read_ahead(self, object_ids: Iterable[str], *, lock: bool = False) -> list[M]:
        """Read several objects in one statement (locked in the order of their ids, as
        every batch locks, so two never wait on each other), for work that then goes
        through them one by one in this transaction: its `find`s (by this repository's
        class and `variant`; a locked one only of a locked read) take them from here.
        They stay current: a locked row changes only in this transaction, and the session
        holds one object per row, so what this transaction changed is on it. Returns those
        found, in the order of their ids."""
        wanted = sorted(set(object_ids))
        if not wanted:
            return []
        params = {
            "tenant_account": self.account_id,
            "tenant_livemode": self.livemode,
            "object_ids": wanted,
        }
        found: list[M] = list(await self.session.scalars(self._many(lock), params))
        if found and dialect_of(self.session) == "postgresql":
            for name in self.collections():
                await self._load_collection(name, found, params, lock)
        held: dict[Hashable, tuple[Any, bool]] = self.session.info.setdefault(_AHEAD, {})
        for obj in found:
            key = self._held(obj.id)
            held[key] = (obj, lock or held.get(key, (None, False))[1])
        return found

    def hold_made(self, objects: Iterable[M]) -> None:
        """Objects this transaction made (inserted, or to insert): their rows are its own,
        unseen by any other transaction before it commits, so its `find`s, locked ones too,
        take them from here, as after a locked `read_ahead`, with no statement (which would
        also read back over changes not yet written, or find nothing yet)."""
        held: dict[Hashable, tuple[Any, bool]] = self.session.info.setdefault(_AHEAD, {})
        for obj in objects:
            held[self._held(obj.id)] = (obj, True)

    def _held(self, object_id: str) -> Hashable:
        """The key an object read ahead (or made) is held under in the transaction."""
        return (type(self), self.variant(), self.account_id, self.livemode, object_id)

    def _ahead(self, object_id: str, lock: bool) -> M | None:
        held: dict[Hashable, tuple[Any, bool]] | None = self.session.info.get(_AHEAD)
        if not held:
            return None
        obj, locked = held.get(self._held(object_id), (None, False))
        if obj is None or (lock and not locked):
            return None
        if obj in self.session.deleted or inspect(obj).was_deleted:
            return None  # deleted in this transaction: the database answers, as it would
        found: M = obj
        return found

    def _statement(self, lock: bool, *, many: bool) -> Select[M]:
        statement = _FINDERS.get((type(self), self.variant(), lock, many))
        if statement is None:
            identified = (
                self._column("id").in_(bindparam("object_ids", expanding=True))
                if many
                else self._column("id") == bindparam("object_id")
            )
            statement = self._tenant_bound(identified)
            if many:
                loaded = (subqueryload(getattr(self.model, name)) for name in self.collections())
                statement = self.shape_many(statement).options(*loaded)
                statement = statement.order_by(self._column("id"))
            else:
                statement = self.shape(statement)
            if lock:  # lock, then re-read: rows already in the session are refreshed
                statement = statement.with_for_update().execution_options(populate_existing=True)
            _FINDERS[(type(self), self.variant(), lock, many)] = statement
        return statement

    def _tenant_bound(self, *where: ColumnElement[bool]) -> Select[M]:
        return select(self.model).where(
            self._column("account_id") == bindparam("tenant_account"),
            self._column("livemode") == bindparam("tenant_livemode"),
            *where,
        )

    def _many(self, lock: bool) -> Select[M]:
        """`read_ahead`'s statement. On PostgreSQL each id is looked up on its own (a
        LATERAL join over the ids, fenced with `OFFSET 0` so that it stays one): with
        `id IN (…)`, or a plain join, the planner, before the tables have statistics (a new
        account, autovacuum not yet round), read every row of the account and filtered them
        (docs/performance.md)."""
        if dialect_of(self.session) != "postgresql":
            return self._statement(lock, many=True)
        key = (type(self), self.variant(), lock, "lateral")
        statement = _FINDERS.get(key)
        if statement is None:
            wanted = _wanted()
            one = self.shape_many(self._tenant_bound(self._column("id") == wanted.c.id))
            statement = _each_looked_up(
                wanted, one, self.model, ["id"], lock_rows=lock, refresh=lock
            )
            _FINDERS[key] = statement
        return statement

    async def _load_collection(
        self, name: str, parents: list[M], params: dict[str, Any], lock: bool
    ) -> None:
        """Load the `name` collection of `parents` (read by `_many` on PostgreSQL) with one
        statement, each parent's rows looked up by its key, as `_many` looks them up."""
        relationship = inspect(self.model).relationships[name]
        child: Any = relationship.mapper.class_
        (parent_key,) = [
            remote for local, remote in relationship.local_remote_pairs if local.key == "id"
        ]
        fk = relationship.mapper.get_property_by_column(parent_key).key
        key = (type(self), name, lock, "collection")
        statement = _FINDERS.get(key)
        if statement is None:
            wanted = _wanted()
            one = select(child).where(
                child.account_id == bindparam("tenant_account"),
                child.livemode == bindparam("tenant_livemode"),
                parent_key == wanted.c.id,
            )
            order = [column.key for column in relationship.order_by or ()]
            statement = _each_looked_up(wanted, one, child, order, lock_rows=False, refresh=lock)
            _FINDERS[key] = statement
        rows: dict[str, list[Any]] = defaultdict(list)
        for found in await self.session.scalars(statement, params):
            rows[getattr(found, fk)].append(found)
        for parent in parents:
            set_committed_value(parent, name, rows.get(parent.id, []))

    async def get(self, object_id: str, *, lock: bool = False, param: str | None = None) -> M:
        found = await self.find(object_id, lock=lock)
        if found is None:
            raise NotFound(self.kind, object_id, param=param)
        return found

    async def ensure_exists(self, object_id: str) -> None:
        """404 unless the account has this object (reads only its id)."""
        statement = self.by_id(object_id).with_only_columns(self._column("id"))
        if await self.session.scalar(statement) is None:
            raise NotFound(self.kind, object_id)

    async def get_for_update(self, object_id: str) -> M:
        return await self.get(object_id, lock=True)

    def add(self, obj: M) -> M:
        self.session.add(obj)
        return obj

    async def page(self, statement: Select[M], request: PageRequest) -> Page[M]:
        id_column = self._column("id")
        newest_first = not request.ascending
        if request.ending_before is not None:  # fetched against the order, shown in it
            before = request.ending_before
            statement = statement.where(id_column > before if newest_first else id_column < before)
            statement = statement.order_by(id_column if newest_first else id_column.desc())
        else:
            after = request.starting_after
            if after is not None:
                beyond = id_column < after if newest_first else id_column > after
                statement = statement.where(beyond)
            statement = statement.order_by(id_column.desc() if newest_first else id_column)
        rows = list((await self.session.scalars(statement.limit(request.limit + 1))).all())
        return Page.from_rows(rows, request, lambda row: row.id)


_FINDERS: dict[tuple[Any, ...], Select[Any]] = {}
_AHEAD = "remit_read_ahead"  # session.info: what `read_ahead` read, until the transaction ends


def _wanted() -> Any:
    """The ids of a `read_ahead` on PostgreSQL, as a table: `unnest(:object_ids) AS wanted(id)`."""
    ids = bindparam("object_ids", type_=postgresql.ARRAY(String))
    return func.unnest(ids).table_valued("id").render_derived(name="wanted")


_NONE = "remit_known_none"  # session.info: what `read_none_ahead` found none of


async def read_none_ahead(
    ctx: Context,
    kind: str,
    column: InstrumentedAttribute[Any],
    values: Iterable[Any],
    *where: ColumnElement[bool],
) -> None:
    """Before work that then asks, one by one in this transaction, whether the tenant has
    rows of `column`'s table with each of these values in `column` (and `where`): one
    statement for all, and the values none has are remembered as `kind` (`known_none`)."""
    wanted = set(values)
    if not wanted:
        return
    model: Any = column.class_
    statement = select(column).distinct().where(in_tenant(ctx, model), column.in_(wanted), *where)
    found = set(await ctx.session.scalars(statement))
    known: set[Hashable] = ctx.session.info.setdefault(_NONE, set())
    known.update((kind, ctx.account_id, ctx.livemode, value) for value in wanted - found)


def known_none(ctx: Context, kind: str, value: Any) -> bool:
    """Whether `read_none_ahead` found no `kind` row for `value` earlier in this transaction.
    It answers the first question only: what the transaction writes after may add one, so a
    second asks the database."""
    known: set[Hashable] | None = ctx.session.info.get(_NONE)
    key = (kind, ctx.account_id, ctx.livemode, value)
    if not known or key not in known:
        return False
    known.discard(key)
    return True


def _each_looked_up(
    wanted: Any, one: Select[Any], model: Any, order: list[str], *, lock_rows: bool, refresh: bool
) -> Select[Any]:
    """`model`'s rows that `one` finds for each id of `wanted`, as `model` objects:
    `wanted JOIN LATERAL (one OFFSET 0)`, the offset a fence that keeps the planner from
    flattening the lookup into a join; `lock_rows` locks them, `refresh` re-reads objects
    the session holds already."""
    fenced = one.offset(0)
    ahead = (fenced.with_for_update() if lock_rows else fenced).lateral("ahead")
    row = aliased(model, ahead)
    statement = select(row).select_from(wanted).join(ahead, true())
    statement = statement.order_by(*(getattr(row, name) for name in order))
    return statement.execution_options(populate_existing=True) if refresh else statement


def _forget_ahead(session: Session, *_: Any) -> None:
    session.info.pop(_AHEAD, None)
    session.info.pop(_NONE, None)


for _end in ("after_commit", "after_rollback", "after_soft_rollback"):
    if not event.contains(Session, _end, _forget_ahead):
        event.listen(Session, _end, _forget_ahead)


class Keyed:
    """Rows of a model by their (account_id, id) keys, for work that spans accounts (the
    worker): `where(model)` is `account_id = ? AND id IN (…)` per account, which both
    databases answer from the primary key (SQLite scans the whole table for a row-value
    `(account_id, id) IN (VALUES …)`; docs/performance.md), and `params` are its values.
    The clause is built once per model and number of accounts, so a statement around it can
    be too (building it again for every batch cost the worker more CPU than running it)."""

    def __init__(self, keys: Iterable[tuple[str, str]]) -> None:
        ids: dict[str, set[str]] = defaultdict(set)
        for account_id, object_id in keys:
            ids[account_id].add(object_id)
        self.accounts = len(ids)
        self.params: dict[str, Any] = {}
        for n, account_id in enumerate(sorted(ids)):
            self.params[f"keyed_account_{n}"] = account_id
            self.params[f"keyed_ids_{n}"] = sorted(ids[account_id])

    def where(self, model: type[TenantModel]) -> ColumnElement[bool]:
        return keyed_clause(model, self.accounts)


@typed_cache
def keyed_clause(model: type[TenantModel], accounts: int) -> ColumnElement[bool]:
    """The clause `Keyed.where` gives, with its parameters unbound."""
    terms = [
        and_(
            model.account_id == bindparam(f"keyed_account_{n}", type_=model.account_id.type),
            model.id.in_(bindparam(f"keyed_ids_{n}", type_=model.id.type, expanding=True)),
        )
        for n in range(accounts)
    ]
    return or_(*terms) if terms else false()
