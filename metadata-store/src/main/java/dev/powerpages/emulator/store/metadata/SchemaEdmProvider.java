package dev.powerpages.emulator.store.metadata;

import dev.powerpages.emulator.store.schema.ColumnDefinition;
import dev.powerpages.emulator.store.schema.ColumnType;
import dev.powerpages.emulator.store.schema.ManyToManyDefinition;
import dev.powerpages.emulator.store.schema.StoreSchema;
import dev.powerpages.emulator.store.schema.TableDefinition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.olingo.commons.api.edm.FullQualifiedName;
import org.apache.olingo.commons.api.edm.provider.CsdlAbstractEdmProvider;
import org.apache.olingo.commons.api.edm.provider.CsdlAnnotation;
import org.apache.olingo.commons.api.edm.provider.CsdlComplexType;
import org.apache.olingo.commons.api.edm.provider.CsdlEntityContainer;
import org.apache.olingo.commons.api.edm.provider.CsdlEntityContainerInfo;
import org.apache.olingo.commons.api.edm.provider.CsdlEntitySet;
import org.apache.olingo.commons.api.edm.provider.CsdlEntityType;
import org.apache.olingo.commons.api.edm.provider.CsdlFunction;
import org.apache.olingo.commons.api.edm.provider.CsdlFunctionImport;
import org.apache.olingo.commons.api.edm.provider.CsdlNavigationProperty;
import org.apache.olingo.commons.api.edm.provider.CsdlNavigationPropertyBinding;
import org.apache.olingo.commons.api.edm.provider.CsdlProperty;
import org.apache.olingo.commons.api.edm.provider.CsdlPropertyRef;
import org.apache.olingo.commons.api.edm.provider.CsdlReturnType;
import org.apache.olingo.commons.api.edm.provider.CsdlSchema;
import org.apache.olingo.commons.api.edm.provider.CsdlTerm;
import org.apache.olingo.commons.api.edm.provider.annotation.CsdlCollection;
import org.apache.olingo.commons.api.edm.provider.annotation.CsdlConstantExpression;
import org.apache.olingo.commons.api.edm.provider.annotation.CsdlConstantExpression.ConstantExpressionType;
import org.apache.olingo.commons.api.edm.provider.annotation.CsdlExpression;
import org.apache.olingo.commons.api.edm.provider.annotation.CsdlPropertyPath;
import org.apache.olingo.commons.api.edm.provider.annotation.CsdlPropertyValue;
import org.apache.olingo.commons.api.edm.provider.annotation.CsdlRecord;

/**
 * The store's schema as an OData (CSDL) model, the way Dataverse describes its tables in
 * {@code $metadata}: namespace {@code Microsoft.Dynamics.CRM} (alias {@code mscrm}), one EntityType per
 * table keyed by its primary id, lookups as {@code _<lookup>_value} Edm.Guid properties plus a
 * single-valued NavigationProperty, each 1:N relationship as a collection-valued NavigationProperty
 * on the referenced table, alternate keys in the {@code OData.Community.Keys.V1.AlternateKeys}
 * annotation, entity sets in the container {@code System}, and the {@code WhoAmI} function.
 * The whole model is built once from the schema; Apache Olingo serialises it.
 */
public final class SchemaEdmProvider extends CsdlAbstractEdmProvider {

    public static final String NAMESPACE = "Microsoft.Dynamics.CRM";
    public static final String ALIAS = "mscrm";
    public static final FullQualifiedName CONTAINER = new FullQualifiedName(NAMESPACE, "System");
    /** The OData community vocabulary Dataverse uses to list alternate keys. */
    public static final String KEYS_VOCABULARY = "OData.Community.Keys.V1";

    private static final FullQualifiedName ALTERNATE_KEYS = new FullQualifiedName(KEYS_VOCABULARY, "AlternateKeys");
    private static final FullQualifiedName WHO_AM_I = new FullQualifiedName(NAMESPACE, "WhoAmI");
    private static final FullQualifiedName WHO_AM_I_RESPONSE = new FullQualifiedName(NAMESPACE, "WhoAmIResponse");

    private final Map<FullQualifiedName, CsdlEntityType> entityTypes = new LinkedHashMap<>();
    private final Map<String, CsdlEntitySet> entitySets = new LinkedHashMap<>();
    private final CsdlComplexType whoAmIResponse;
    private final CsdlFunction whoAmI;
    private final CsdlFunctionImport whoAmIImport;

    public SchemaEdmProvider(StoreSchema schema) {
        for (TableDefinition table : schema.tables()) {
            FullQualifiedName type = typeName(table);
            entityTypes.put(type, entityType(schema, table));
            entitySets.put(
                    table.entitySetName(),
                    new CsdlEntitySet()
                            .setName(table.entitySetName())
                            .setType(type)
                            .setNavigationPropertyBindings(bindings(schema, table)));
        }
        whoAmIResponse = new CsdlComplexType()
                .setName(WHO_AM_I_RESPONSE.getName())
                .setProperties(List.of(guid("BusinessUnitId"), guid("UserId"), guid("OrganizationId")));
        whoAmI = new CsdlFunction()
                .setName(WHO_AM_I.getName())
                .setBound(false)
                .setReturnType(new CsdlReturnType().setType(WHO_AM_I_RESPONSE).setNullable(false));
        whoAmIImport = new CsdlFunctionImport().setName(WHO_AM_I.getName()).setFunction(WHO_AM_I);
    }

    public static FullQualifiedName typeName(TableDefinition table) {
        return new FullQualifiedName(NAMESPACE, table.logicalName());
    }

    private static CsdlEntityType entityType(StoreSchema schema, TableDefinition table) {
        List<CsdlProperty> properties = new ArrayList<>();
        List<CsdlNavigationProperty> navigation = new ArrayList<>();
        for (ColumnDefinition column : table.properties()) {
            CsdlProperty property =
                    new CsdlProperty().setName(column.propertyName()).setType(edmType(column.type()));
            if (column.type() == ColumnType.MONEY) {
                property.setScale(4);
            }
            properties.add(property);
            if (column.isLookup()) {
                TableDefinition target = schema.requireTable(column.target());
                navigation.add(new CsdlNavigationProperty()
                        .setName(column.navigation())
                        .setType(typeName(target))
                        .setPartner(column.relationship()));
            }
        }
        for (StoreSchema.OneToMany relationship : schema.oneToMany(table)) {
            navigation.add(new CsdlNavigationProperty()
                    .setName(relationship.name())
                    .setType(typeName(relationship.referencing()))
                    .setCollection(true)
                    .setPartner(relationship.lookup().navigation()));
        }
        // A many-to-many relationship is a collection-valued navigation property of the same name on both sides.
        for (ManyToManyDefinition relationship : schema.manyToMany(table)) {
            navigation.add(new CsdlNavigationProperty()
                    .setName(relationship.name())
                    .setType(typeName(schema.requireTable(relationship.otherTable(table.logicalName()))))
                    .setCollection(true));
        }
        CsdlEntityType type = new CsdlEntityType()
                .setName(table.logicalName())
                .setKey(List.of(new CsdlPropertyRef().setName(table.primaryId())))
                .setProperties(properties)
                .setNavigationProperties(navigation);
        if (!table.alternateKeys().isEmpty()) {
            type.setAnnotations(List.of(alternateKeys(table)));
        }
        return type;
    }

    /** Dataverse lists alternate keys as {@code OData.Community.Keys.V1.AlternateKeys} records of Key/Name/Alias. */
    private static CsdlAnnotation alternateKeys(TableDefinition table) {
        List<CsdlExpression> keys = new ArrayList<>();
        table.alternateKeys().forEach((name, columns) -> {
            List<CsdlExpression> parts = new ArrayList<>();
            for (String column : columns) {
                parts.add(new CsdlRecord()
                        .setType("OData.Community.Keys.V1.PropertyRef")
                        .setPropertyValues(List.of(
                                new CsdlPropertyValue().setProperty("Alias").setValue(constant(column)),
                                new CsdlPropertyValue()
                                        .setProperty("Name")
                                        .setValue(new CsdlPropertyPath().setValue(column)))));
            }
            keys.add(new CsdlRecord()
                    .setType("OData.Community.Keys.V1.AlternateKey")
                    .setPropertyValues(List.of(new CsdlPropertyValue()
                            .setProperty("Key")
                            .setValue(new CsdlCollection().setItems(parts)))));
        });
        return new CsdlAnnotation()
                .setTerm(ALTERNATE_KEYS.getFullQualifiedNameAsString())
                .setExpression(new CsdlCollection().setItems(keys));
    }

    private static CsdlConstantExpression constant(String value) {
        return new CsdlConstantExpression(ConstantExpressionType.String, value);
    }

    private static List<CsdlNavigationPropertyBinding> bindings(StoreSchema schema, TableDefinition table) {
        List<CsdlNavigationPropertyBinding> bindings = new ArrayList<>();
        for (ColumnDefinition column : table.columns()) {
            if (column.isLookup()) {
                bindings.add(new CsdlNavigationPropertyBinding()
                        .setPath(column.navigation())
                        .setTarget(schema.requireTable(column.target()).entitySetName()));
            }
        }
        for (StoreSchema.OneToMany relationship : schema.oneToMany(table)) {
            bindings.add(new CsdlNavigationPropertyBinding()
                    .setPath(relationship.name())
                    .setTarget(relationship.referencing().entitySetName()));
        }
        for (ManyToManyDefinition relationship : schema.manyToMany(table)) {
            bindings.add(new CsdlNavigationPropertyBinding()
                    .setPath(relationship.name())
                    .setTarget(schema.requireTable(relationship.otherTable(table.logicalName()))
                            .entitySetName()));
        }
        return bindings;
    }

    private static CsdlProperty guid(String name) {
        return new CsdlProperty()
                .setName(name)
                .setType(new FullQualifiedName("Edm", "Guid"))
                .setNullable(false);
    }

    private static FullQualifiedName edmType(ColumnType type) {
        String[] parts = type.edmType().split("\\.");
        return new FullQualifiedName(parts[0], parts[1]);
    }

    /** The vocabulary term of alternate keys; declared by reference (see {@link MetadataDocument}), not in this schema. */
    @Override
    public CsdlTerm getTerm(FullQualifiedName name) {
        return ALTERNATE_KEYS.equals(name)
                ? new CsdlTerm()
                        .setName(ALTERNATE_KEYS.getName())
                        .setType("Collection(" + KEYS_VOCABULARY + ".AlternateKey)")
                : null;
    }

    @Override
    public CsdlEntityType getEntityType(FullQualifiedName name) {
        return entityTypes.get(name);
    }

    @Override
    public CsdlComplexType getComplexType(FullQualifiedName name) {
        return WHO_AM_I_RESPONSE.equals(name) ? whoAmIResponse : null;
    }

    @Override
    public List<CsdlFunction> getFunctions(FullQualifiedName name) {
        return WHO_AM_I.equals(name) ? List.of(whoAmI) : null;
    }

    @Override
    public CsdlEntitySet getEntitySet(FullQualifiedName container, String name) {
        return CONTAINER.equals(container) ? entitySets.get(name) : null;
    }

    @Override
    public CsdlFunctionImport getFunctionImport(FullQualifiedName container, String name) {
        return CONTAINER.equals(container) && WHO_AM_I.getName().equals(name) ? whoAmIImport : null;
    }

    @Override
    public CsdlEntityContainerInfo getEntityContainerInfo(FullQualifiedName name) {
        return name == null || CONTAINER.equals(name)
                ? new CsdlEntityContainerInfo().setContainerName(CONTAINER)
                : null;
    }

    @Override
    public CsdlEntityContainer getEntityContainer() {
        return new CsdlEntityContainer()
                .setName(CONTAINER.getName())
                .setEntitySets(new ArrayList<>(entitySets.values()))
                .setFunctionImports(List.of(whoAmIImport));
    }

    @Override
    public List<CsdlSchema> getSchemas() {
        return List.of(new CsdlSchema()
                .setNamespace(NAMESPACE)
                .setAlias(ALIAS)
                .setEntityTypes(new ArrayList<>(entityTypes.values()))
                .setComplexTypes(List.of(whoAmIResponse))
                .setFunctions(List.of(whoAmI))
                .setEntityContainer(getEntityContainer()));
    }
}
