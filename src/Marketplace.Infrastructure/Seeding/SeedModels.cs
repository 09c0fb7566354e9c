namespace Marketplace.Infrastructure.Seeding;

// The shapes of the JSON files under seeds/. Property names are camelCase in the files.

public sealed record RegionSeed(string Code, string Name, string DefaultCulture, string? PrimaryColor,
    string? WelcomeText, List<CorridorSeed> Corridors, List<MunicipalitySeed> Municipalities);

public sealed record CorridorSeed(string Code, string Name);

public sealed record MunicipalitySeed(string Code, string Name, string? Corridor, string TimeZone, string Currency,
    double Latitude, double Longitude);

public sealed record ProductCategorySeed(string Code, string Es, string PtBR, string En, List<string>? Synonyms = null);

public sealed record DemoSeed(List<DemoUserSeed> Users, List<DemoVenueSeed> Venues, List<DemoSeriesSeed> Series,
    List<DemoProducerSeed> Producers);

public sealed record DemoUserSeed(string Email, List<string> Roles, string Culture, List<string>? Municipalities);

public sealed record DemoVenueSeed(string Municipality, string Name, string Kind, string? Address,
    double Latitude, double Longitude, DemoStallRunSeed Stalls);

public sealed record DemoStallRunSeed(string Prefix, int Count, string Kind, int? Digits);

public sealed record DemoSeriesSeed(string Name, string? Description, string Organizer, string? Rrule,
    string? Dates, DateOnly StartsOn, DateOnly? EndsOn, TimeOnly StartTime, TimeOnly EndTime, List<string> Route,
    string Allocation, int BookingOpensDaysBefore, int BookingClosesHoursBefore, int CancellationDeadlineHours);

public sealed record DemoProducerSeed(string Name, string Type, int? Members, string Municipality, string? Community,
    List<string> Products, string? Story, string? User, List<DemoBookingSeed>? Bookings);

/// <summary>Book the <paramref name="Next"/> coming fair days of a series, on the venue's n-th stall.</summary>
public sealed record DemoBookingSeed(string Series, int Next, int Stall);
