using Marketplace.Domain.Venues;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Pages.Staff.Venues;

/// <summary>
/// One of the two layout forms: a single stall (<see cref="Code"/>) or a numbered range
/// (<see cref="Prefix"/>, <see cref="From"/>, <see cref="To"/>), with the size, kind and amenities
/// every stall added gets.
/// </summary>
public sealed class StallInput
{
    public string? Code { get; set; }
    public string? Prefix { get; set; }
    public int? From { get; set; }
    public int? To { get; set; }
    public StallKind? Kind { get; set; } = StallKind.Produce;
    /// <summary>Metres, with a point or a comma.</summary>
    public string? Width { get; set; } = "3";
    public string? Depth { get; set; } = "3";
    public bool HasPower { get; set; }
    public bool HasWater { get; set; }
    public bool HasShade { get; set; }
    public bool IsAccessible { get; set; }

    /// <summary>The codes this form adds, once valid: the one code, or the range.</summary>
    public IReadOnlyList<string> Codes(bool bulk) =>
        bulk ? StallLayout.Codes(Prefix?.Trim() ?? "", From!.Value, To!.Value) : [Code!.Trim()];

    public void Validate(ModelStateDictionary state, IStringLocalizer text, string form, bool bulk)
    {
        if (bulk)
        {
            if ((Prefix?.Trim().Length ?? 0) > 12)
            {
                state.TryAddModelError($"{form}.{nameof(Prefix)}", text["Validation.MaxLength", text["Field.Prefix"], 12]);
            }
            if (From is not >= 0)
            {
                state.TryAddModelError($"{form}.{nameof(From)}", text["Validation.Required", text["Field.From"]]);
            }
            if (To is not >= 0)
            {
                state.TryAddModelError($"{form}.{nameof(To)}", text["Validation.Required", text["Field.To"]]);
            }
            else if (From is >= 0 && (To < From || To - From + 1 > StallLayout.MaxBulk))
            {
                state.TryAddModelError($"{form}.{nameof(To)}", text["Validation.StallRange", StallLayout.MaxBulk]);
            }
        }
        else if (string.IsNullOrWhiteSpace(Code))
        {
            state.TryAddModelError($"{form}.{nameof(Code)}", text["Validation.Required", text["Field.StallCode"]]);
        }
        else if (Code.Trim().Length > StallLayout.MaxCodeLength)
        {
            state.TryAddModelError($"{form}.{nameof(Code)}",
                text["Validation.MaxLength", text["Field.StallCode"], StallLayout.MaxCodeLength]);
        }
        if (Kind is not { } kind || !Enum.IsDefined(kind))
        {
            state.TryAddModelError($"{form}.{nameof(Kind)}", text["Validation.Choose", text["Field.StallKind"]]);
        }
        Size(state, text, $"{form}.{nameof(Width)}", Width, "Field.Width");
        Size(state, text, $"{form}.{nameof(Depth)}", Depth, "Field.Depth");
    }

    public Stall NewStall(int venueId, string code)
    {
        FormValues.TryDecimal(Width, out var width);
        FormValues.TryDecimal(Depth, out var depth);
        return new Stall
        {
            VenueId = venueId,
            Code = code,
            Kind = Kind!.Value,
            WidthMeters = width,
            DepthMeters = depth,
            HasPower = HasPower,
            HasWater = HasWater,
            HasShade = HasShade,
            IsAccessible = IsAccessible,
        };
    }

    private static void Size(ModelStateDictionary state, IStringLocalizer text, string key, string? value, string label)
    {
        if (!FormValues.TryDecimal(value, out var metres) || metres is <= 0 or > 100)
        {
            state.TryAddModelError(key, text["Validation.Metres", text[label]]);
        }
    }
}
