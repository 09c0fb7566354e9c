namespace Marketplace.Domain.Fairs.Imports;

public enum FairDayImportStatus
{
    /// <summary>Waiting for the background job (or the sweep) to take it.</summary>
    Queued,
    Running,
    /// <summary>Every row applied, in one transaction.</summary>
    Applied,
    /// <summary>Some rows had problems; nothing was applied.</summary>
    Rejected,
}

/// <summary>
/// An uploaded fair-day CSV file and how far its import got. The file, the progress and the
/// problems live in the database, so a long import survives a restart of the job storage.
/// </summary>
public class FairDayImport
{
    /// <summary>Imports with more rows than this run as a background job.</summary>
    public const int InlineRowLimit = 200;
    public const int MaxRows = 5000;

    public int Id { get; set; }
    public int MunicipalityId { get; set; }
    public required string UserId { get; set; }
    public required string FileName { get; set; }
    /// <summary>The file as uploaded (UTF-8 text).</summary>
    public required string Content { get; set; }
    public FairDayImportStatus Status { get; set; }
    public int TotalRows { get; set; }
    public int CheckedRows { get; set; }
    public int AppliedRows { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    /// <summary>A running import whose lease ran out (its worker died) is taken again by the sweep.</summary>
    public DateTime? LeaseUntilUtc { get; set; }
    public DateTime? FinishedAtUtc { get; set; }
    public List<FairDayImportProblem> Problems { get; set; } = [];

    public bool IsFinished => Status is FairDayImportStatus.Applied or FairDayImportStatus.Rejected;

    /// <summary>Progress in percent, for the page that refreshes while the job runs.</summary>
    public int PercentDone => TotalRows == 0 ? (IsFinished ? 100 : 0)
        : IsFinished ? 100 : Math.Min(99, CheckedRows * 100 / TotalRows);

    public void Finish(IReadOnlyList<ImportProblem> problems, int appliedRows, DateTime utcNow)
    {
        Problems = problems.Select(p => new FairDayImportProblem
        {
            Line = p.Line,
            Reason = p.Reason,
            Value = p.Value is { Length: > FairDayImportProblem.MaxValueLength } v
                ? v[..FairDayImportProblem.MaxValueLength]
                : p.Value,
        }).ToList();
        Status = problems.Count == 0 ? FairDayImportStatus.Applied : FairDayImportStatus.Rejected;
        AppliedRows = problems.Count == 0 ? appliedRows : 0;
        CheckedRows = TotalRows;
        FinishedAtUtc = utcNow;
        LeaseUntilUtc = null;
    }
}

/// <summary>One bad row of an import, with its reason and the value at fault.</summary>
public class FairDayImportProblem
{
    public const int MaxValueLength = 200;

    public int Id { get; set; }
    public int FairDayImportId { get; set; }
    public int Line { get; set; }
    public ImportProblemReason Reason { get; set; }
    public string? Value { get; set; }
}
