package dev.mcpguard.agent.install;

/**
 * What {@link GuardTransformer} asks of the weaving side. An interface of its own so that the transformer, which
 * the JVM calls for every class it loads, never makes the JVM load Byte Buddy before a class needs weaving.
 */
interface ClassWeaver {

    /** The woven class file, or null to leave the class as it is. */
    byte[] weave(ClassLoader loader, String typeName, byte[] classFile);
}
