namespace Marketplace.Domain.Common;

/// <summary>
/// An entity guarded by optimistic concurrency. The version is a GUID renewed on every save,
/// so the token works the same on SQLite (which has no rowversion) and on SQL Server.
/// </summary>
public interface IVersioned
{
    Guid Version { get; set; }
}
