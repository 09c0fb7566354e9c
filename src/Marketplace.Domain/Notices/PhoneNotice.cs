using Marketplace.Domain.Producers;

namespace Marketplace.Domain.Notices;

/// <summary>
/// What would have been e-mailed to a producer without an e-mail address: staff of the
/// producer's municipality tell it by phone and tick it off.
/// </summary>
public class PhoneNotice
{
    public int Id { get; set; }
    public int ProducerId { get; set; }
    public Producer? Producer { get; set; }
    public int MunicipalityId { get; set; }
    public required string Subject { get; set; }
    public required string Text { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public DateTime? DoneAtUtc { get; set; }
    public string? DoneByUserId { get; set; }
}
