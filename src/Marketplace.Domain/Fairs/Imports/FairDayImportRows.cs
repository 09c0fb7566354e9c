namespace Marketplace.Domain.Fairs.Imports;

/// <summary>One data row of a fair-day CSV file as read, before any check (line 1 is the header).</summary>
public sealed record FairDayCsvRow(int Line, string? Series, string? Date, string? Start, string? End,
    string? Venue, string? Status, string? Reason);

/// <summary>Why a row of an import cannot be applied.</summary>
public enum ImportProblemReason
{
    UnknownSeries,
    UnknownVenue,
    BadDate,
    BadTime,
    EndBeforeStart,
    /// <summary>Another scheduled day at the same venue and date shares some of its hours.</summary>
    Overlap,
    /// <summary>A series or venue of a municipality the import is not for.</summary>
    OtherMunicipality,
    BadStatus,
    ReasonRequired,
    ReasonTooLong,
    /// <summary>The same series and date appear twice in the file.</summary>
    Duplicate,
    /// <summary>A skipped or cancelled day cannot be scheduled again by an import.</summary>
    CannotReopen,
    /// <summary>A day with bookings changes only from the calendar, where its producers are told.</summary>
    HasBookings,
    /// <summary>The header lacks a required column.</summary>
    MissingColumns,
    /// <summary>The file is not readable CSV from this line on (an unclosed quote, …).</summary>
    BadCsv,
    TooManyRows,
    /// <summary>The file holds no data row.</summary>
    Empty,
}

public sealed record ImportProblem(int Line, ImportProblemReason Reason, string? Value);

/// <summary>A series the import may name, with the venues of its route.</summary>
public sealed record ImportSeries(int Id, string Name, int OrganizerMunicipalityId, IReadOnlyCollection<int> RouteVenueIds);

public sealed record ImportVenue(int Id, string Name, int MunicipalityId);

/// <summary>A fair day already in the database, as far as the import's checks need it.</summary>
public sealed record ExistingFairDay(int Id, int SeriesId, DateOnly OccurrenceDate, DateOnly Date, int VenueId,
    TimeOnly Start, TimeOnly End, FairDayStatus Status, bool HasBookings);

/// <summary>A checked row: a new day (<see cref="ExistingId"/> null) or the new state of an existing one.</summary>
public sealed record PlannedFairDay(int Line, int SeriesId, DateOnly Date, TimeOnly Start, TimeOnly End, int VenueId,
    FairDayStatus Status, string? Reason, int? ExistingId);
