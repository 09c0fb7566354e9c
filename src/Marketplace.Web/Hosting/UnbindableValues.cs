using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Marketplace.Web.Hosting;

/// <summary>
/// A posted value that does not bind (<c>maybe</c> for a checkbox, <c>x</c> for a number, a date that
/// does not exist) is a field error, and the page shows the form again with it. Model binding already
/// adds the error, but it also keeps the raw value in the model state, and the checkbox tag helper
/// converts that raw value back to a boolean while it renders: an exception, a 500. So every binder
/// of a simple value drops the raw value it could not convert and keeps only its text, for the
/// message: the fields then show the model's value next to the error, on every page.
/// A handler's own parameters come from its link or its buttons, not from fields the visitor fills
/// in: when one of them does not bind, an unsafe request answers 400 instead of running the handler
/// with a default in its place (<c>stall=x</c> must not book "any stall").
/// </summary>
public static class UnbindableValues
{
    public static void KeepOnlyTheirText(MvcOptions options)
    {
        for (var i = 0; i < options.ModelBinderProviders.Count; i++)
        {
            options.ModelBinderProviders[i] = new Provider(options.ModelBinderProviders[i]);
        }
        options.Filters.Add(new HandlerArgumentsFilter());
    }

    private sealed class Provider(IModelBinderProvider inner) : IModelBinderProvider
    {
        public IModelBinder? GetBinder(ModelBinderProviderContext context)
        {
            var binder = inner.GetBinder(context);
            // A complex object binds its properties with binders of their own; those are wrapped.
            return binder is null || context.Metadata.IsComplexType ? binder : new Binder(binder);
        }
    }

    /// <summary>Answers 400 to a POST whose handler parameters did not all bind.</summary>
    public sealed class HandlerArgumentsFilter : IAsyncPageFilter
    {
        public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

        public Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
        {
            // A GET only shows a page, which can say what it could not read (the /Fairs filters do).
            if (!HttpMethods.IsGet(context.HttpContext.Request.Method) && !HttpMethods.IsHead(context.HttpContext.Request.Method)
                && context.HttpContext.Features.Get<Unbound>() is { } unbound
                && context.HandlerMethod?.Parameters.Any(p => unbound.Names.Contains(p.BindingInfo?.BinderModelName ?? p.Name)) == true)
            {
                context.Result = new BadRequestResult();
                return Task.CompletedTask;
            }
            return next();
        }
    }

    /// <summary>The model names of this request whose values did not bind.</summary>
    private sealed class Unbound
    {
        public HashSet<string> Names { get; } = new(StringComparer.OrdinalIgnoreCase);
    }

    private sealed class Binder(IModelBinder inner) : IModelBinder
    {
        public async Task BindModelAsync(ModelBindingContext bindingContext)
        {
            await inner.BindModelAsync(bindingContext);
            if (!bindingContext.Result.IsModelSet
                && bindingContext.ModelState.TryGetValue(bindingContext.ModelName, out var entry)
                && entry.Errors.Count > 0)
            {
                entry.RawValue = null;
                var features = bindingContext.HttpContext.Features;
                var unbound = features.Get<Unbound>();
                if (unbound is null)
                {
                    unbound = new Unbound();
                    features.Set(unbound);
                }
                unbound.Names.Add(bindingContext.ModelName);
            }
        }
    }
}
