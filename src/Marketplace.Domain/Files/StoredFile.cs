namespace Marketplace.Domain.Files;

/// <summary>
/// An uploaded file (photo, certificate) kept in the database, so that every web node sees it.
/// </summary>
public class StoredFile
{
    public Guid Id { get; set; }
    public required string FileName { get; set; }
    public required string ContentType { get; set; }
    public long Length { get; set; }
    public required byte[] Content { get; set; }
    /// <summary>The producer the file belongs to; only it and the municipality's staff may read it.</summary>
    public int? OwnerProducerId { get; set; }
    public DateTime CreatedAtUtc { get; set; }
}
